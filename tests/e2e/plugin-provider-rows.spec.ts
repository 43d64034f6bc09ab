/**
 * What the rows offer per provider against the sandbox's kernel double (S3's one bucket, the real
 * WebDAV server), and SiYuan's version in the status line as the double answers it.
 */
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, test, type Sandbox } from "./fixtures";
import { openDock, uniqueName } from "./plugin-helpers";

const rows = (panel: Locator) => panel.locator('[data-testid="dir-row"]');
const rowOf = (panel: Locator, name: string) =>
  panel.locator(`[data-testid="dir-row"][data-name="${name}"]`);

/** The folder the sandbox's WebDAV server serves, as the sandbox reports it. */
async function webdavDir(sandbox: Sandbox): Promise<string> {
  const response = await fetch(new URL("/__sandbox/info", sandbox.url));
  const { webdavDir: dir } = (await response.json()) as { webdavDir: string | null };
  if (!dir) throw new Error("the sandbox runs no WebDAV server");
  return dir;
}

/** Picks a kernel version in the sandbox's control panel, which reloads the page. */
async function chooseKernelVersion(page: Page, version: string): Promise<void> {
  await Promise.all([
    page.waitForEvent("load"),
    page.getByLabel("Kernel version").selectOption(version),
  ]);
  await page.locator("body[data-loaded]").waitFor({ state: "attached" });
}

test.describe("S3: the bucket is the one directory", () => {
  test("its row offers nothing, there is no name field, and the note points to Settings → Cloud and the console", async ({
    page,
    sandbox,
  }) => {
    // Whatever name is stored, listing S3 makes the bucket the current directory.
    await sandbox.setState({ provider: 2, cloudName: "notes" });
    await sandbox.gotoHost();
    const panel = await openDock(page);

    await expect(rowOf(panel, "siyuan-bucket")).toBeVisible();
    await expect(panel.getByTestId("active-directory")).toHaveText("siyuan-bucket");
    expect((await sandbox.state()).cloudName).toBe("siyuan-bucket");
    await expect(rows(panel).getByRole("button")).toHaveCount(0);
    await expect(panel.getByRole("textbox", { name: "New directory" })).toHaveCount(0);
    await expect(panel.getByRole("button", { name: "Create", exact: true })).toHaveCount(0);
    await expect(panel.getByRole("combobox", { name: "Provider" })).toBeVisible();
    const note = panel.getByText("With S3 the configured bucket is the one directory");
    await expect(note).toHaveCount(1);
    await expect(note).toContainText("create it in your provider's console");
    await expect(note).toContainText("enter it as Bucket in SiYuan's Settings → Cloud");
  });

  test("in Chinese, the note names the settings as SiYuan does", async ({ page, sandbox }) => {
    await sandbox.setState({ provider: 2 });
    await sandbox.gotoHost({ lang: "zh_CN" });
    const panel = await openDock(page, { title: "云端同步目录" });
    await expect(rowOf(panel, "siyuan-bucket")).toBeVisible();
    await expect(
      panel.getByText("使用 S3 时，配置的存储桶就是唯一的目录", { exact: false }),
    ).toContainText("请先在提供商的控制台中创建它，再在思源的 [设置 - 云端] 中把它填入 Bucket。");
    await expect(rows(panel).getByRole("button")).toHaveCount(0);
    await expect(panel.getByTestId("kernel-version")).toHaveText("3.7.3");
    await expect(panel.getByText("思源", { exact: true })).toBeVisible();
  });
});

test("WebDAV: every row offers Use and none Delete, the reason is said once, and Use switches", async ({
  page,
  sandbox,
}) => {
  const root = await webdavDir(sandbox);
  const names = [uniqueName("dav-a"), uniqueName("dav-b")];
  for (const name of names) fs.mkdirSync(path.join(root, name), { recursive: true });
  await sandbox.setState({ provider: 3, cloudName: names[0] });
  await sandbox.gotoHost();
  const panel = await openDock(page);

  const [current, other] = names as [string, string];
  await expect(rowOf(panel, other)).toBeVisible();
  await expect(rowOf(panel, current)).toHaveAttribute("aria-current", "true");
  await expect(panel.getByRole("button", { name: `Use ${other}`, exact: true })).toBeEnabled();
  await expect(panel.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await expect(panel.getByText("WebDAV directories have no Delete here")).toHaveCount(1);
  await expect(panel.getByText("WebDAV directories have no Delete here")).toContainText(
    "Remove a folder with your WebDAV server's own tools",
  );

  await panel.getByRole("button", { name: `Use ${other}`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Switch", exact: true }).click();
  await expect(panel.getByTestId("active-directory")).toHaveText(other);
  await expect(rowOf(panel, other)).toHaveAttribute("aria-current", "true");
  expect((await sandbox.state()).cloudName).toBe(other);
  for (const name of names) expect(fs.existsSync(path.join(root, name))).toBe(true);
});

test.describe("SiYuan's version in the status line", () => {
  test("shows the version the kernel answers, also after choosing another in the control panel", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    let panel = await openDock(page);
    await expect(panel.getByTestId("kernel-version")).toHaveText("3.7.3");
    await expect(panel.locator(".csd-status__facts")).toContainText("SiYuan 3.7.3");

    await chooseKernelVersion(page, "3.6.3");
    panel = await openDock(page);
    await expect(panel.getByTestId("kernel-version")).toHaveText("3.6.3");
    await expect(panel.getByText(/older than/)).toHaveCount(0);
  });

  // The control panel offers only supported versions (3.6.3 and later); the sandbox's state API
  // takes any version, which is how a kernel below minAppVersion is set up here.
  test("below minAppVersion the panel says so plainly", async ({ page, sandbox }) => {
    await sandbox.setState({ version: "3.1.18" });
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await expect(panel.getByTestId("kernel-version")).toHaveText("3.1.18");
    await expect(
      panel.getByText(
        "SiYuan 3.1.18 is older than 3.1.19, the oldest version this plugin supports.",
        { exact: false },
      ),
    ).toBeVisible();
  });
});
