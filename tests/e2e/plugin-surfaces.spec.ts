import type { Page } from "@playwright/test";
import { expect, test, type HostWindow } from "./fixtures";
import {
  activeProvider,
  CREATE_ROUTE,
  PLUGIN_NAME,
  createdOnLocal,
  createFrom,
  folderExists,
  openDock,
  uniqueName,
} from "./plugin-helpers";

interface Leaks {
  /** One entry per live listener: type, listener identity, capture. */
  detail: string[];
  listeners: number;
  intervals: number;
}

/**
 * Counts listeners on window, document and body, and live timers, from before any script runs,
 * so that what the plugin adds and fails to remove shows up.
 */
async function trackListenersAndTimers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const live = new Map<EventTarget, Set<string>>();
    const key = (type: string, listener: unknown, options: unknown) =>
      `${type}|${String(listener)}|${typeof options === "boolean" ? options : Boolean((options as { capture?: boolean } | undefined)?.capture)}`;
    const listeners = new WeakMap<object, number>();
    let nextId = 0;
    const idOf = (listener: object) => {
      if (!listeners.has(listener)) listeners.set(listener, (nextId += 1));
      return listeners.get(listener);
    };
    const watched = (target: EventTarget) =>
      target === window || target === document || target === document.body;
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function (type, listener, options) {
      if (watched(this) && listener) {
        if (!live.has(this)) live.set(this, new Set());
        live.get(this)?.add(key(type, idOf(listener), options));
      }
      return add.call(this, type, listener, options);
    };
    EventTarget.prototype.removeEventListener = function (type, listener, options) {
      if (watched(this) && listener) live.get(this)?.delete(key(type, idOf(listener), options));
      return remove.call(this, type, listener, options);
    };
    const timers = new Set<number>();
    const originalSetInterval = window.setInterval.bind(window);
    const originalClearInterval = window.clearInterval.bind(window);
    window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id = originalSetInterval(handler, ms, ...args);
      timers.add(id);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      if (id !== undefined) timers.delete(id);
      originalClearInterval(id);
    }) as typeof window.clearInterval;
    (window as unknown as { __leaks: () => Leaks }).__leaks = () => ({
      detail: [...live.values()].flatMap((set) => [...set]),
      listeners: [...live.values()].reduce((sum, set) => sum + set.size, 0),
      intervals: timers.size,
    });
  });
}

const leaks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __leaks: () => Leaks }).__leaks());

test.describe("the plugin in SiYuan's surfaces", () => {
  test("onload registers without a request or a style; the dock's form appears only when opened", async ({
    page,
    sandbox,
  }) => {
    const kernelCalls: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/api/") && path !== "/api/petal/loadPetals") kernelCalls.push(path);
    });
    await sandbox.gotoHost();
    const beforeOpen = [...kernelCalls];
    await expect(page.locator(".csd-panel")).toHaveCount(0);
    // No index.css: the stylesheet comes with the panel.
    await expect(page.locator(`style#pluginsStyle${PLUGIN_NAME}`)).toHaveCount(0);
    const panel = await openDock(page);
    // Whatever the host asked for itself, the plugin sent nothing before its panel opened.
    expect(beforeOpen.filter((path) => path.startsWith("/api/sync/"))).toEqual([]);
    expect(beforeOpen).not.toContain("/api/file/getFile");
    await expect(page.locator(".csd-panel")).toHaveCount(1);
    // Where SiYuan puts a plugin's index.css, and in effect: the panel's own rules apply.
    expect(await page.evaluate(() => document.querySelector("#pluginsStyle + style")?.id)).toBe(
      `pluginsStyle${PLUGIN_NAME}`,
    );
    await expect(panel.locator(".csd-panel__body")).toHaveCSS("overflow-y", "auto");
  });

  test("onunload leaves no DOM, no style, no listeners and no timers behind", async ({
    page,
    sandbox,
  }) => {
    await trackListenersAndTimers(page);
    await sandbox.gotoHost();
    const baseline = await leaks(page);

    const panel = await openDock(page);
    await createFrom(panel, uniqueName("unload"));
    await expect(panel.getByTestId("summary")).toBeVisible();
    await page.keyboard.press("Control+Shift+P");
    await page.getByRole("option", { name: /Create cloud sync directory…/ }).click();
    await expect(page.locator(".b3-dialog .csd-panel")).toHaveCount(1);

    await page.evaluate(
      (name) => (window as unknown as HostWindow).__sandbox.unloadPlugin(name),
      PLUGIN_NAME,
    );

    await expect(page.locator(".csd-panel")).toHaveCount(0);
    await expect(page.locator('[class*="csd-"]')).toHaveCount(0);
    await expect(page.locator(`style#pluginsStyle${PLUGIN_NAME}`)).toHaveCount(0);
    await expect(page.locator(`svg[data-name="${PLUGIN_NAME}"]`)).toHaveCount(0);
    await expect(page.locator(".b3-dialog")).toHaveCount(0);
    const after = await leaks(page);
    expect(after.detail).toEqual(baseline.detail);
    expect(after.intervals).toBeLessThanOrEqual(baseline.intervals);
  });

  test("the settings gear opens the same panel, without a provider preference", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    await page
      .getByRole("button", { name: /settings/i })
      .first()
      .click();
    const dialog = page.locator(".b3-dialog");
    await expect(dialog.getByRole("textbox", { name: "New directory" })).toBeVisible();
    await expect(activeProvider(dialog)).toHaveText("Local file system");
    await expect(dialog.getByRole("checkbox")).toHaveCount(0);
  });

  test("Chinese: every label and accessible name is translated", async ({ page, sandbox }) => {
    await sandbox.gotoHost({ lang: "zh_CN" });
    const panel = await openDock(page, { title: "云端同步目录" });
    await expect(panel.getByRole("combobox", { name: "当前提供商" })).toBeVisible();
    await expect(panel.getByRole("textbox", { name: "新建目录" })).toBeVisible();
    await expect(panel.getByRole("button", { name: "创建", exact: true })).toBeVisible();
    await expect(panel.getByText("每个工作空间同步到一个云端同步目录。")).toBeVisible();
    await expect(activeProvider(panel)).toHaveText("本地文件系统");
    const name = uniqueName("zh");
    await panel.getByRole("textbox", { name: "新建目录" }).fill(name);
    await panel.getByRole("button", { name: "创建", exact: true }).click();
    await expect(panel.getByRole("region", { name: "响应" }).getByTestId("summary")).toHaveText(
      `已创建“${name}”（本地文件系统）。`,
    );
    await panel.getByText("请求与响应", { exact: true }).click();
    await expect(panel.getByTestId("response-details")).toBeVisible();
    expect(folderExists(sandbox.cloudDir, name)).toBe(true);

    // SiYuan's own message, markup removed, inside a Chinese sentence that says 思源.
    await sandbox.fault("htmlMsg", CREATE_ROUTE);
    await panel.getByRole("textbox", { name: "新建目录" }).fill(uniqueName("zh-html"));
    await panel.getByRole("button", { name: "创建", exact: true }).click();
    await expect(panel.getByTestId("summary")).toHaveText("思源报告了错误：bold kernel message.");
  });

  test("dark theme: the panel takes its colours from SiYuan's theme variables", async ({
    page,
    sandbox,
  }) => {
    const colours = async () =>
      page.evaluate(() => {
        const panel = document.querySelector(".csd-panel") as HTMLElement;
        const root = getComputedStyle(document.documentElement);
        const probe = document.createElement("div");
        probe.style.color = root.getPropertyValue("--b3-theme-on-background");
        document.body.append(probe);
        const expected = getComputedStyle(probe).color;
        probe.remove();
        return { text: getComputedStyle(panel).color, expected };
      });
    await sandbox.gotoHost({ theme: "light" });
    await openDock(page);
    const light = await colours();
    await sandbox.gotoHost({ theme: "dark" });
    await openDock(page);
    const dark = await colours();
    expect(light.text).toBe(light.expected);
    expect(dark.text).toBe(dark.expected);
    expect(dark.text).not.toBe(light.text);
  });

  test("mobile width: the sidebar panel works and nothing overflows sideways", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost({ mobile: true });
    await page
      .getByRole("button", { name: /plugin/i })
      .first()
      .click()
      .catch(() => undefined);
    const panel = await openDock(page, { mobile: true });
    const name = uniqueName("mobile");
    await createFrom(panel, name);
    await expect(panel.getByTestId("summary")).toHaveText(createdOnLocal(name));
    const overflow = await panel.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(folderExists(sandbox.cloudDir, name)).toBe(true);
  });
});

test("a dock reopened after the provider changed shows the new provider", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  const panel = await openDock(page);
  await expect(activeProvider(panel)).toHaveText("Local file system");
  const dockButton = page.getByRole("button", { name: "Cloud sync directories", exact: true });
  await dockButton.click();
  await expect(panel).toBeHidden();
  await sandbox.setState({ provider: 2 });
  await dockButton.click();
  await expect(activeProvider(panel)).toHaveText("S3");
  await expect(panel.getByText("With S3 the configured bucket is the one directory")).toBeVisible();
});
