import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { activeProvider, countRequests, openDock } from "./plugin-helpers";

const SET_PROVIDER = "/api/sync/setSyncProvider";
const select = (panel: Locator, name = "Active provider") => panel.getByRole("combobox", { name });

/** The colour a theme variable resolves to, as computed styles report colours. */
async function themeColour(page: Page, variable: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement("div");
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue(name);
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, variable);
}

test.describe("the provider select switches SiYuan's sync", () => {
  test("Local → WebDAV after the confirmation: the double's conf changes and the list is read again", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await expect(activeProvider(panel)).toHaveText("Local file system");
    const lists = countRequests(page, "/api/sync/listCloudSyncDir");

    await select(panel).selectOption({ label: "WebDAV" });
    const dialog = panel.getByRole("dialog", { name: "Switch SiYuan's sync to WebDAV?" });
    await expect(dialog.getByTestId("switch-where")).toContainText("The next sync goes to http");
    await expect(dialog.getByTestId("switch-where")).toContainText("into the directory “main”");
    await dialog.getByRole("button", { name: "Switch" }).click();

    await expect(panel.getByTestId("provider-result")).toHaveText(
      "SiYuan now syncs with WebDAV; the list shows its directories.",
    );
    expect((await sandbox.state()).provider).toBe(3);
    await expect(activeProvider(panel)).toHaveText("WebDAV");
    expect(lists.count).toBeGreaterThanOrEqual(1);
    await expect(
      panel.getByText("WebDAV directories have no Delete here", { exact: false }),
    ).toBeVisible();
  });

  test("arrow keys on the closed select change nothing: a switch is chosen from its open list", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const switches = countRequests(page, SET_PROVIDER);
    await expect(select(panel)).toBeEnabled();
    await select(panel).focus();
    for (const key of ["ArrowDown", "ArrowUp", "ArrowDown", "End", "Home"]) {
      await page.keyboard.press(key);
      await expect(panel.getByRole("dialog")).toHaveCount(0);
      await expect(select(panel)).toHaveValue("4");
    }
    expect(switches.count).toBe(0);
    await expect(select(panel)).toBeFocused();
  });

  test("Cancel sends nothing and the select shows the active provider again", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const switches = countRequests(page, SET_PROVIDER);
    await select(panel).selectOption({ label: "S3" });
    await panel.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

    await expect(panel.getByRole("dialog")).toHaveCount(0);
    await expect(select(panel)).toHaveValue("4");
    expect(switches.count).toBe(0);
    expect((await sandbox.state()).provider).toBe(4);
  });

  test("a provider without settings is disabled and says where to set it up", async ({
    page,
    sandbox,
  }) => {
    // The sandbox has no signed-in SiYuan subscriber, so SiYuan's own cloud is not set up.
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const siyuan = select(panel).getByRole("option", {
      name: "SiYuan: set it up in Settings → Cloud",
    });
    await expect(siyuan).toBeDisabled();
    await expect(select(panel).getByRole("option", { name: "WebDAV", exact: true })).toBeEnabled();
  });

  test("read-only: no switch, and the panel says why", async ({ page, sandbox }) => {
    await sandbox.setState({ readonly: true });
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await expect(select(panel)).toBeDisabled();
    await expect(
      panel.getByText("SiYuan refuses changes here (read-only or published)", { exact: false }),
    ).toBeVisible();
  });

  test("Chinese, dark theme: the hint, the confirmation and the result in SiYuan's colours", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost({ lang: "zh_CN", theme: "dark" });
    const panel = await openDock(page, { title: "云端同步目录" });
    const chooser = select(panel, "当前提供商");
    await expect(activeProvider(panel)).toHaveText("本地文件系统");
    await expect(
      chooser.getByRole("option", { name: "SiYuan：请在 [设置 - 云端] 中配置" }),
    ).toBeDisabled();

    await chooser.selectOption({ label: "WebDAV" });
    const dialog = panel.getByRole("dialog", { name: "把思源的同步切换到“WebDAV”？" });
    await expect(dialog).toContainText("这台设备上的笔记和“本地文件系统”上的目录都不受影响。");
    await dialog.getByRole("button", { name: "切换" }).click();

    const result = panel.getByTestId("provider-result");
    await expect(result).toHaveText("思源现在使用“WebDAV”同步，列表显示它的目录。");
    expect((await sandbox.state()).provider).toBe(3);
    const colour = await result.evaluate((element) => getComputedStyle(element).color);
    expect(colour).toBe(await themeColour(page, "--b3-theme-success"));
  });
});
