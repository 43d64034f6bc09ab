/**
 * Proves the sandbox host itself with a tiny hand-written CommonJS plugin
 * (tests/e2e/fixture-plugin): loading, docks, commands, settings, i18n, fetch semantics,
 * theme, mobile mode, the kernel-double control panel, live reload and proxy mode.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { startSandbox } from "../../sandbox/server.mjs";
import { expect, test, type HostPlugin, type HostWindow } from "./fixtures";

const fixturePluginDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture-plugin");
const NAME = "sandbox-fixture";
const HTTP_ERROR_LOG = /Failed to load resource: the server responded with a status of/;

test.use({ sandboxPluginDirs: [fixturePluginDir] });

/** What the fixture plugin records about itself. */
type FixturePlugin = HostPlugin & {
  events: string[];
  unknownModule: unknown;
  frontend: string;
  dockInitThisIsModel?: boolean;
  siyuanApi: {
    adaptHotkey(hotkey: string): string;
    fetchPost(url: string, data: unknown, callback?: (response: unknown) => void): void;
    fetchSyncPost(url: string, data?: unknown): Promise<{ code: number; msg: string }>;
    confirm(title: string, text: string, onConfirm?: () => void, onCancel?: () => void): void;
    Menu: new () => {
      addItem(item: { label: string; click: () => void }): HTMLElement;
      open(position: { x: number; y: number }): void;
    };
  };
  saveData(name: string, value: unknown): Promise<unknown>;
  loadData(name: string): Promise<unknown>;
  removeData(name: string): Promise<unknown>;
};

function pluginEvents(page: Page) {
  return page.evaluate(
    (name) =>
      ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin | undefined)
        ?.events ?? null,
    NAME,
  );
}

/** Waits for the reload a control or switch triggers, then for the plugins. */
async function waitForReload(page: Page, action: () => Promise<unknown>) {
  await Promise.all([page.waitForEvent("load"), action()]);
  await page.locator("body[data-loaded]").waitFor({ state: "attached" });
}

test("loads a CommonJS plugin the way SiYuan does", async ({ page, sandbox }) => {
  await sandbox.gotoHost();
  expect(await pluginEvents(page)).toEqual(["onload", "onLayoutReady"]);
  const facts = await page.evaluate((name) => {
    const plugin = (window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin;
    return {
      unknownModuleIsUndefined: plugin.unknownModule === undefined,
      frontend: plugin.frontend,
      nameWritable: Object.getOwnPropertyDescriptor(plugin, "name")?.writable,
      displayName: plugin.displayName,
      hello: plugin.i18n.hello,
      styleAfterMarker: document.querySelector("#pluginsStyle + style")?.id,
      iconSymbol: Boolean(
        document.querySelector(`svg[data-name="${name}"] defs symbol#iconSandboxFixture`),
      ),
      hotkey: (window as unknown as HostWindow).siyuan.config.keymap.plugin[name]?.sayHello,
    };
  }, NAME);
  expect(facts).toEqual({
    unknownModuleIsUndefined: true,
    frontend: "browser-desktop",
    nameWritable: false,
    displayName: "Sandbox Fixture",
    hello: "Hello from the fixture",
    styleAfterMarker: `pluginsStyle${NAME}`,
    iconSymbol: true,
    hotkey: { default: "⇧⌘Y", custom: "⇧⌘Y" },
  });
  await expect(page.locator(`#plugin_${NAME}_0`)).toBeVisible();
  expect(
    await page.evaluate(
      (name) =>
        (
          (window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin
        ).siyuanApi.adaptHotkey("⇧⌘O"),
      NAME,
    ),
  ).toBe("Ctrl+Shift+O");

  // Other plugin files are served like SiYuan's /plugins route, without leaving the folder.
  expect((await page.request.get(`/plugins/${NAME}/i18n/en_US.json`)).status()).toBe(200);
  expect((await page.request.get(`/plugins/${NAME}/%2e%2e/%2e%2e/package.json`)).status()).toBe(
    404,
  );
});

test("docks are lazy: init runs on first open with the model as `this`, hiding is CSS only", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  const dockButton = page.locator(`#dockRight [data-type="${NAME}_dock"]`);
  await expect(dockButton).toHaveAttribute("aria-label", "Fixture dock");
  expect(await pluginEvents(page)).not.toContain("dock:init");
  await expect(page.locator(`.sy__${NAME}_dock`)).toHaveCount(0);

  await dockButton.click();
  const panel = page.locator(`.sy__${NAME}_dock.dockPanel`);
  await expect(panel).toContainText("Hello from the fixture");
  expect((await panel.boundingBox())?.width).toBe(280);
  expect(
    await page.evaluate(
      (name) =>
        ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin)
          .dockInitThisIsModel,
      NAME,
    ),
  ).toBe(true);

  await panel.hover();
  await panel.locator('[data-type="min"]').click();
  await expect(panel).toBeHidden();
  await dockButton.click();
  await expect(panel).toBeVisible();

  await page.evaluate(
    (name) => (window as unknown as HostWindow).__sandbox.openDock(name, "_notes"),
    NAME,
  );
  await expect(page.locator(`.sy__${NAME}_notes`)).toBeVisible();
  await expect(panel).toBeHidden();
  expect(await pluginEvents(page)).toEqual(["onload", "onLayoutReady", "dock:init", "notes:init"]);
});

test("the command palette lists `displayName: text` and runs the command; hotkeys work", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  await page.keyboard.press("Control+Shift+P");
  const palette = page.getByRole("listbox");
  await expect(palette.getByRole("option")).toHaveText(["Sandbox Fixture: Say hello"]);
  await page.getByRole("combobox", { name: "Command palette" }).fill("nothing like it");
  await expect(palette.getByRole("option")).toHaveCount(0);
  await page.getByRole("combobox", { name: "Command palette" }).fill("say");
  await page.keyboard.press("ArrowDown");
  await expect(palette.getByRole("option", { selected: true })).toHaveText(
    "Sandbox Fixture: Say hello",
  );
  await page.keyboard.press("Enter");
  await expect(page.locator(".b3-snackbar")).toHaveText("Hello from the fixture");
  await expect(page.locator(".b3-dialog")).toHaveCount(0);

  await page.keyboard.press("Control+Shift+Y");
  await page.getByRole("button", { name: "Command palette" }).click();
  await page.keyboard.press("Escape");
  await expect(page.locator(".b3-dialog")).toHaveCount(0);
  await page.evaluate(
    (name) => (window as unknown as HostWindow).__sandbox.runCommand(name, "sayHello"),
    NAME,
  );
  expect((await pluginEvents(page))?.filter((event) => event === "command:sayHello")).toHaveLength(
    3,
  );
  expect(await page.evaluate(() => (window as unknown as HostWindow).__sandbox.messages)).toEqual(
    Array(3).fill("Hello from the fixture"),
  );
});

test("the i18n file, display name and config language follow the language switch", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost({ lang: "zh_CN" });
  const language = () =>
    page.evaluate((name) => {
      const plugin = (window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin;
      return [
        plugin.i18n.hello,
        plugin.displayName,
        (window as unknown as HostWindow).siyuan.config.lang,
      ];
    }, NAME);
  expect(await language()).toEqual(["来自测试插件的问候", "沙盒测试插件", "zh_CN"]);
  expect((await sandbox.state()).lang).toBe("zh_CN");

  await waitForReload(page, () => page.locator("#sandboxLang").click());
  expect(page.url()).toContain("lang=en_US");
  expect(await language()).toEqual(["Hello from the fixture", "Sandbox Fixture", "en_US"]);
  expect((await sandbox.state()).lang).toBe("en_US");

  // The kernel's fallback order when the language has no file: en_US first.
  const petals = await (
    await page.request.post("/api/petal/loadPetals", { data: { lang: "fr_FR" } })
  ).json();
  expect(petals.data).toEqual([
    expect.objectContaining({
      name: NAME,
      enabled: true,
      incompatible: false,
      i18n: expect.objectContaining({ hello: "Hello from the fixture" }),
    }),
  ]);
  expect(Object.keys(petals.data[0])).toEqual(
    expect.arrayContaining(["js", "css", "i18n", "displayName"]),
  );
});

test("Disable runs SiYuan's unload cleanup and Enable loads the plugin again", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  await page.locator(`#dockRight [data-type="${NAME}_dock"]`).click();
  await page.evaluate((name) => {
    const host = window as unknown as HostWindow & { unloaded: unknown };
    host.unloaded = host.__sandbox.plugins.get(name);
  }, NAME);
  const row = page.locator(`#pluginList [data-plugin="${NAME}"]`);
  await row.getByRole("button", { name: "Disable plugin" }).click();

  const unloadedEvents = await page.evaluate(
    () => (window as unknown as { unloaded: FixturePlugin }).unloaded.events,
  );
  expect(unloadedEvents.slice(-2)).toEqual(["onunload", "dock:destroy"]);
  await expect(page.locator(`#pluginsStyle${NAME}`)).toHaveCount(0);
  await expect(page.locator(`svg[data-name="${NAME}"]`)).toHaveCount(0);
  await expect(page.locator(`#dockRight [data-type^="${NAME}"]`)).toHaveCount(0);
  await expect(page.locator(`.sy__${NAME}_dock`)).toHaveCount(0);
  await expect(page.locator(`#plugin_${NAME}_0`)).toHaveCount(0);
  expect(
    await page.evaluate(
      (name) => (window as unknown as HostWindow).siyuan.config.keymap.plugin[name],
      NAME,
    ),
  ).toBeUndefined();
  await page.keyboard.press("Control+Shift+P");
  await expect(page.getByRole("listbox").getByRole("option")).toHaveCount(0);
  await page.keyboard.press("Escape");

  await row.getByRole("button", { name: "Enable plugin" }).click();
  await expect(row.getByRole("button", { name: "Disable plugin" })).toBeVisible();
  expect(await pluginEvents(page)).toEqual(["onload", "onLayoutReady"]);
  await expect(page.locator(`#pluginsStyle${NAME}`)).toHaveCount(1);
});

test("fetchPost drops the callback on code < 0 and shows the message; fetchSyncPost resolves or rejects", async ({
  page,
  sandbox,
  consoleErrors,
}) => {
  consoleErrors.allow(HTTP_ERROR_LOG);
  await sandbox.gotoHost();
  await page.route("**/api/test/negative", (route) =>
    route.fulfill({
      json: { code: -1, msg: "Kernel says <b>no</b>", data: { closeTimeout: 5000 } },
    }),
  );
  await page.route("**/api/test/positive", (route) =>
    route.fulfill({ json: { code: 1, msg: "list failed", data: null } }),
  );
  const results = await page.evaluate(async (name) => {
    const api = ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin)
      .siyuanApi;
    const calls: string[] = [];
    api.fetchPost("/api/test/negative", {}, () => calls.push("negative"));
    api.fetchPost("/api/test/positive", {}, () => calls.push("positive"));
    const synced = await api.fetchSyncPost("/api/test/negative", {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { calls, synced };
  }, NAME);
  expect(results.calls).toEqual(["positive"]);
  expect(results.synced).toEqual({
    code: -1,
    msg: "Kernel says <b>no</b>",
    data: { closeTimeout: 5000 },
  });
  await expect(page.locator(".b3-snackbar--error").first()).toHaveText("Kernel says no");

  // A 403 from the double becomes a synthesized {code: -403, msg: statusText} info toast.
  await sandbox.fault("forbidden", "/api/sync/listCloudSyncDir");
  const forbidden = await page.evaluate(async (name) => {
    const api = ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin)
      .siyuanApi;
    let called = false;
    api.fetchPost("/api/sync/listCloudSyncDir", {}, () => (called = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    return called;
  }, NAME);
  expect(forbidden).toBe(false);
  await expect(page.locator(".b3-snackbar--info")).toContainText("Forbidden");

  await sandbox.fault("nonJson");
  const rejected = await page.evaluate(async (name) => {
    const api = ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin)
      .siyuanApi;
    return api.fetchSyncPost("/api/sync/getSyncInfo", {}).then(
      () => "resolved",
      () => "rejected",
    );
  }, NAME);
  expect(rejected).toBe("rejected");
});

test("the theme switch flips data-theme-mode, the variables and appearance.mode", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  const theme = () =>
    page.evaluate(() => ({
      mode: document.documentElement.dataset.themeMode,
      appearance: (window as unknown as HostWindow).siyuan.config.appearance.mode,
      background: getComputedStyle(document.documentElement)
        .getPropertyValue("--b3-theme-background")
        .trim(),
    }));
  const light = await theme();
  expect(light).toMatchObject({ mode: "light", appearance: 0 });
  await page.locator("#sandboxTheme").click();
  const dark = await theme();
  expect(dark).toMatchObject({ mode: "dark", appearance: 1 });
  expect(dark.background).not.toBe(light.background);
  expect(page.url()).toContain("theme=dark");
});

test("mobile mode: browser-mobile, narrow page, one sidebar dock alive at a time", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost({ mobile: true });
  expect(
    await page.evaluate(
      (name) =>
        ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin).frontend,
      NAME,
    ),
  ).toBe("browser-mobile");
  expect((await page.locator("#app").boundingBox())?.width).toBeLessThanOrEqual(420);
  await expect(page.locator("#dockRight")).toBeHidden();
  await expect(page.locator("#menuPlugins .b3-menu__item")).toHaveCount(1);

  await page.getByRole("button", { name: "Plugin docks" }).click();
  const sidebarPanel = page.locator('#sidebar [data-type="sidebar-plugin"]');
  await page.locator("#sidebarDockList").getByRole("button", { name: "Fixture dock" }).click();
  await expect(sidebarPanel).toContainText("Hello from the fixture");
  await page.locator("#sidebarDockList").getByRole("button", { name: "Fixture notes" }).click();
  await expect(sidebarPanel).toHaveText("notes");
  await page.locator("#sidebarDockList").getByRole("button", { name: "Fixture notes" }).click();
  expect(await pluginEvents(page)).toEqual([
    "onload",
    "onLayoutReady",
    "dock:init",
    "dock:destroy",
    "notes:init",
  ]);
});

test("the control panel changes the double's state and window.siyuan follows", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  await expect(page.locator("#kernelCloudDir")).toHaveValue(sandbox.cloudDir);
  await waitForReload(page, () => page.getByLabel("Provider", { exact: true }).selectOption("3"));
  expect((await sandbox.state()).provider).toBe(3);
  expect(
    await page.evaluate(() => (window as unknown as HostWindow).siyuan.config.sync.provider),
  ).toBe(3);

  await page.getByLabel("Latency (ms)").fill("120");
  await page.getByLabel("Latency (ms)").press("Enter");
  await expect.poll(async () => (await sandbox.state()).latencyMs).toBe(120);
  // Routed to a call the page does not make, so the next reload's getConf is unaffected.
  await page.getByLabel("Fault route (optional)").fill("/api/sync/getSyncInfo");
  await page.getByRole("button", { name: "http500" }).click();
  await expect(page.locator("#kernelPendingFaults")).toHaveText("Pending faults: 1");

  await waitForReload(page, () => page.getByLabel("Publish").click());
  const publish = await page.evaluate(async (name) => {
    const plugin = (window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin;
    const saved = await plugin.saveData("x.json", { a: 1 }).then(
      () => "saved",
      (error: unknown) => error,
    );
    return {
      isPublish: (window as unknown as HostWindow).siyuan.isPublish,
      readonly: (window as unknown as HostWindow).siyuan.config.readonly,
      saved,
    };
  }, NAME);
  expect(publish).toEqual({ isPublish: true, readonly: true, saved: { code: 403 } });

  await waitForReload(page, () =>
    page.getByRole("button", { name: "Reset the kernel double" }).click(),
  );
  expect(await sandbox.state()).toMatchObject({
    provider: 4,
    publish: false,
    latencyMs: 0,
    pendingFaults: [],
  });
  await expect(sandbox.setState({ provider: 1 as never })).rejects.toThrow(/provider/);
});

test("the control panel sets the kernel version, safe mode and a wrong WebDAV password", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  await expect(page.locator("#kernelWebdavDir")).toHaveValue(/webdav$/);
  await waitForReload(page, () => page.getByLabel("Kernel version").selectOption("3.7.2"));
  expect((await sandbox.state()).version).toBe("3.7.2");
  await page.getByLabel("Safe mode").click();
  await expect.poll(async () => (await sandbox.state()).safeMode).toBe(true);
  await waitForReload(page, () => page.getByLabel("Wrong WebDAV password").click());
  expect((await sandbox.state()).webdavWrongPassword).toBe(true);
  await expect(page.getByLabel("Wrong WebDAV password")).toBeChecked();
  await expect(page.getByLabel("Safe mode")).toBeChecked();
});

test("settings gear, Setting dialog, confirm and Menu behave like SiYuan's", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  await page.getByRole("button", { name: "Settings of Sandbox Fixture" }).click();
  const dialog = page.locator(".b3-dialog");
  await expect(dialog.locator(".b3-dialog__header")).toHaveText("Sandbox Fixture");
  await expect(dialog.locator(".config-item")).toContainText("Greeting");
  await dialog.locator(".config-item input").fill("Hi there");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toHaveCount(0);
  expect(await pluginEvents(page)).toContain("setting:save:Hi there");

  await page.getByRole("button", { name: "Settings of Sandbox Fixture" }).click();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  await page.evaluate((name) => {
    const api = ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin)
      .siyuanApi;
    const log: string[] = [];
    (window as unknown as { choices: string[] }).choices = log;
    api.confirm(
      "Delete?",
      "Really <i>delete</i>",
      () => log.push("ok"),
      () => log.push("cancel"),
    );
  }, NAME);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toHaveCount(0);
  await page.evaluate((name) => {
    const api = ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin)
      .siyuanApi;
    const log = (window as unknown as { choices: string[] }).choices;
    api.confirm(
      "Delete?",
      "Really",
      () => log.push("ok"),
      () => log.push("cancel"),
    );
  }, NAME);
  await page.locator(".b3-dialog__scrim").click({ position: { x: 5, y: 5 } });
  await expect(dialog).toHaveCount(0);
  await page.evaluate((name) => {
    const api = ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin)
      .siyuanApi;
    const menu = new api.Menu();
    menu.addItem({
      label: "Copy",
      click: () => (window as unknown as { choices: string[] }).choices.push("menu"),
    });
    menu.open({ x: 20, y: 20 });
  }, NAME);
  await page.getByRole("menuitem", { name: "Copy" }).click();
  await expect(page.locator("#commonMenu")).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { choices: string[] }).choices)).toEqual([
    "ok",
    "cancel",
    "menu",
  ]);
});

test("loadData/saveData/removeData go through the double's workspace", async ({
  page,
  sandbox,
}) => {
  await sandbox.gotoHost();
  const file = path.join(sandbox.storageDir, "data", "storage", "petal", NAME, "settings.json");
  const results = await page.evaluate(async (name) => {
    const plugin = (window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin;
    const missing = await plugin.loadData("settings.json");
    await plugin.saveData("settings.json", { greeting: "hi" });
    return { missing, loaded: await plugin.loadData("settings.json") };
  }, NAME);
  expect(results).toEqual({ missing: "", loaded: { greeting: "hi" } });
  expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({ greeting: "hi" });
  await page.evaluate(
    (name) =>
      ((window as unknown as HostWindow).__sandbox.plugins.get(name) as FixturePlugin).removeData(
        "settings.json",
      ),
    NAME,
  );
  expect(fs.existsSync(file)).toBe(false);
});

test("the page reloads when the plugin files change", async ({ page }) => {
  const pluginCopy = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-live-"));
  fs.cpSync(fixturePluginDir, pluginCopy, { recursive: true });
  const server = await startSandbox({
    port: 0,
    pluginDir: pluginCopy,
    cloudDir: path.join(pluginCopy, ".cloud"),
    storageDir: path.join(pluginCopy, ".workspace"),
  });
  try {
    await page.goto(server.url);
    await page.locator("body[data-loaded]").waitFor({ state: "attached" });
    const reloaded = page.waitForEvent("load");
    fs.appendFileSync(
      path.join(pluginCopy, "index.css"),
      "\n.live-reload-marker { color: red; }\n",
    );
    await reloaded;
    await page.locator("body[data-loaded]").waitFor({ state: "attached" });
    expect(
      await page.locator(`#pluginsStyle${NAME}`).evaluate((style) => style.textContent),
    ).toContain("live-reload-marker");
  } finally {
    await server.close();
    fs.rmSync(pluginCopy, { recursive: true, force: true });
  }
});

test("proxy mode forwards /api with the token added server-side and never shows it", async ({
  page,
}) => {
  const token = "proxy-secret-token-4242";
  const seenAuthorization: string[] = [];
  const kernel = http.createServer((req, res) => {
    seenAuthorization.push(String(req.headers.authorization));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        code: 0,
        msg: "",
        data: {
          isPublish: false,
          conf: { lang: "en_US", api: { token }, sync: { provider: 0, cloudName: "main" } },
        },
      }),
    );
  });
  await new Promise<void>((resolve) => kernel.listen(0, "127.0.0.1", resolve));
  const address = kernel.address() as { port: number };
  const server = await startSandbox({
    port: 0,
    pluginDir: fixturePluginDir,
    siyuanUrl: `http://127.0.0.1:${address.port}`,
    siyuanToken: token,
  });
  try {
    await page.goto(`${server.url}?noreload=1`);
    await page.locator("body[data-loaded]").waitFor({ state: "attached" });
    expect(seenAuthorization).toContain(`Token ${token}`);
    await expect(page.locator("#kernelMode")).toContainText("proxy mode");
    await expect(page.getByLabel("Provider", { exact: true })).toBeDisabled();
    expect(await page.content()).not.toContain(token);
    expect(
      await page.evaluate(() => JSON.stringify((window as unknown as HostWindow).siyuan)),
    ).not.toContain(token);
    const info = await (await page.request.get(`${server.url}__sandbox/info`)).text();
    expect(info).not.toContain(token);
    expect((await page.request.get(`${server.url}__sandbox/state`)).status()).toBe(409);
  } finally {
    await server.close();
    await new Promise((resolve) => kernel.close(resolve));
  }
});

test("the server refuses SiYuan's port 6806", async () => {
  await expect(startSandbox({ port: 6806 })).rejects.toThrow(/6806/);
});
