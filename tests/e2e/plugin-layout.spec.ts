import { expect, test } from "./fixtures";
import {
  CREATE_ROUTE,
  countRequests,
  createFrom,
  createdOnLocal,
  openDock,
  uniqueName,
} from "./plugin-helpers";

/** A laptop-height window; the plugin's dock opens 320 px wide in it (src/index.ts). */
const WINDOW = { width: 1280, height: 800 };
const DOCK_WIDTH = 320;

test.describe("directories first", () => {
  for (const { lang, title, intro, technical } of [
    {
      lang: "en_US" as const,
      title: "Cloud sync directories",
      intro: "Each workspace syncs into one cloud directory.",
      technical: "Request and response",
    },
    {
      lang: "zh_CN" as const,
      title: "云端同步目录",
      intro: "每个工作空间同步到一个云端同步目录。",
      technical: "请求与响应",
    },
  ]) {
    test(`${lang}: at 320 × 800 the list shows on first open, the technical part folded`, async ({
      page,
      sandbox,
    }) => {
      await page.setViewportSize(WINDOW);
      await sandbox.gotoHost({ lang });
      const panel = await openDock(page, { title });
      await expect(panel.getByText(intro, { exact: true })).toBeVisible();
      const dock = (await panel.boundingBox())!;
      expect(dock.width).toBe(DOCK_WIDTH);
      const firstRow = panel.getByTestId("dir-row").first();
      await expect(firstRow).toBeVisible();
      // Without scrolling: the whole first row lies inside the window and the dock.
      const row = (await firstRow.boundingBox())!;
      expect(row.y).toBeGreaterThanOrEqual(0);
      expect(row.y + row.height).toBeLessThanOrEqual(WINDOW.height);
      expect(row.x).toBeGreaterThanOrEqual(dock.x);
      expect(row.x + row.width).toBeLessThanOrEqual(dock.x + dock.width);
      // Folded: its summary shows, the request preview and the history do not.
      const section = panel.getByTestId("technical");
      await expect(section.getByText(technical, { exact: true })).toBeVisible();
      await expect(section).not.toHaveAttribute("open");
      await expect(panel.getByTestId("request-preview")).toBeHidden();
    });
  }

  test("after a create, the one-line result and reply show with the list; the dock keeps the section as left", async ({
    page,
    sandbox,
  }) => {
    await page.setViewportSize(WINDOW);
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const name = uniqueName("line");
    await createFrom(panel, name);
    const region = panel.getByRole("region", { name: "Response" });
    await expect(region.getByTestId("summary")).toHaveText(createdOnLocal(name));
    await expect(region).not.toContainText("code");
    await expect(panel.getByTestId("reply-line")).toHaveText('{"code":0,"msg":"","data":null}');

    const section = panel.getByTestId("technical");
    await section.getByText("Request and response", { exact: true }).press("Enter");
    await expect(section).toHaveAttribute("open", "");
    await expect(panel.getByTestId("response-body")).toBeVisible();
    // Closing and reopening the dock keeps it open: the session remembers.
    const dockButton = page.getByRole("button", { name: "Cloud sync directories", exact: true });
    await dockButton.click();
    await expect(panel).toBeHidden();
    await dockButton.click();
    await expect(section).toHaveAttribute("open", "");
  });

  test("the command dialog opens the section, and remembers it closed for the next dialog", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const openDialog = async () => {
      await page.keyboard.press("Control+Shift+P");
      await page.getByRole("option", { name: /Create cloud sync directory…/ }).click();
      const dialog = page.locator(".b3-dialog");
      await expect(dialog.getByRole("combobox", { name: "Active provider" })).toBeVisible();
      return dialog;
    };
    let dialog = await openDialog();
    await expect(dialog.getByTestId("technical")).toHaveAttribute("open", "");
    await expect(
      dialog
        .getByTestId("request-preview")
        .or(dialog.getByText("Nothing will be sent until the name is valid.")),
    ).toBeVisible();
    await dialog.getByText("Request and response", { exact: true }).click();
    await expect(dialog.getByTestId("technical")).not.toHaveAttribute("open");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    dialog = await openDialog();
    await expect(dialog.getByTestId("technical")).not.toHaveAttribute("open");
  });
});

test.describe("a name already in the list", () => {
  test("after a create the field clears, the new row is highlighted in view, and the name again offers Use", async ({
    page,
    sandbox,
  }) => {
    await page.setViewportSize(WINDOW);
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const name = uniqueName("Again");
    await createFrom(panel, name);
    await expect(panel.getByTestId("summary")).toHaveText(createdOnLocal(name));
    const field = panel.getByRole("textbox", { name: "New directory" });
    await expect(field).toHaveValue("");
    const row = panel.locator(`[data-testid="dir-row"][data-name="${name}"]`);
    await expect(row).toHaveClass(/csd-dirs__row--highlighted/);
    await expect(row).toBeInViewport();

    const creates = countRequests(page, CREATE_ROUTE);
    await field.fill(name.toLowerCase());
    await expect(panel.getByTestId("existing-name")).toHaveText(
      `“${name}” is already in the list, differing only in case: on Windows and macOS that is the same folder. Use it instead.`,
    );
    await expect(panel.getByRole("button", { name: "Create", exact: true })).toBeDisabled();
    await field.press("Enter");
    await field.fill(name);
    await expect(panel.getByTestId("existing-name")).toHaveText(
      `“${name}” is already in the list: use it instead of creating it.`,
    );
    await panel.getByRole("button", { name: `Use “${name}”` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Switch" }).click();
    await expect(panel.getByTestId("active-directory")).toHaveText(name);
    expect(creates.count).toBe(0);
  });

  test("Chinese: the listed name is named, and Use offered", async ({ page, sandbox }) => {
    await sandbox.gotoHost({ lang: "zh_CN" });
    const panel = await openDock(page, { title: "云端同步目录" });
    await expect(panel.getByTestId("dir-row").first()).toBeVisible();
    await panel.getByRole("textbox", { name: "新建目录" }).fill("MAIN");
    await expect(panel.getByTestId("existing-name")).toHaveText(
      "“main”已在列表中，并且就是当前目录。",
    );
    await expect(panel.getByRole("button", { name: "创建", exact: true })).toBeDisabled();
  });
});

test.describe("the current directory always has a row", () => {
  for (const { lang, title, said } of [
    {
      lang: "en_US" as const,
      title: "Cloud sync directories",
      said: "Current directory, not on Local file system yet: SiYuan creates it at the next sync.",
    },
    {
      lang: "zh_CN" as const,
      title: "云端同步目录",
      said: "当前目录，尚未出现在云存储服务（本地文件系统）中：思源会在下次同步时创建它。",
    },
  ]) {
    test(`${lang}: a current directory the provider does not list says why`, async ({
      page,
      sandbox,
    }) => {
      const pending = uniqueName("pending");
      await sandbox.setState({ cloudName: pending });
      await sandbox.gotoHost({ lang });
      const panel = await openDock(page, { title });
      const row = panel.getByTestId("dir-row").first();
      await expect(row).toHaveAttribute("data-name", pending);
      await expect(row).toHaveAttribute("aria-current", "true");
      await expect(row.getByTestId("unlisted")).toHaveText(said);
      await expect(row.getByRole("button")).toHaveCount(0);
    });
  }
});
