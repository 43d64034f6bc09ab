/**
 * Create on WebDAV in the browser, against the sandbox's real WebDAV server (sandbox/
 * webdav-server.mjs) behind the kernel double's forwardProxy, with WebDAV selected as SiYuan's
 * provider through the control API.
 */
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, test, type Sandbox } from "./fixtures";
import { activeProvider, createFrom, openDock, openTechnical, uniqueName } from "./plugin-helpers";

const PROXY_ROUTE = "/api/network/forwardProxy";

/** The folder behind the sandbox's WebDAV server (`/__sandbox/info`). */
async function webdavDir(sandbox: Sandbox): Promise<string> {
  const response = await fetch(new URL("/__sandbox/info", sandbox.url));
  const { webdavDir } = (await response.json()) as { webdavDir: string | null };
  if (!webdavDir) throw new Error("the sandbox runs no WebDAV server");
  return webdavDir;
}

/** The password SiYuan's settings hold for the WebDAV server, as an admin's getConf gives it. */
async function webdavPassword(page: Page): Promise<string> {
  const password = await page.evaluate(async () => {
    const response = await fetch("/api/system/getConf", { method: "POST", body: "{}" });
    const { data } = (await response.json()) as {
      data: { conf: { sync: { webdav: { password: string } } } };
    };
    return data.conf.sync.webdav.password;
  });
  // A real secret, long enough that finding it anywhere is no coincidence.
  expect(password.length).toBeGreaterThanOrEqual(12);
  return password;
}

function isCollection(root: string, name: string): boolean {
  return fs.statSync(path.join(root, name), { throwIfNoEntry: false })?.isDirectory() === true;
}

/** WebDAV active, then the dock opened. */
async function openOnWebdav(
  page: Page,
  sandbox: Sandbox,
  state: Parameters<Sandbox["setState"]>[0] = {},
  lang: "en_US" | "zh_CN" = "en_US",
): Promise<Locator> {
  await sandbox.setState({ provider: 3, ...state });
  await sandbox.gotoHost({ lang });
  const panel = await openDock(page, {
    title: lang === "zh_CN" ? "云端同步目录" : "Cloud sync directories",
  });
  await expect(activeProvider(panel)).toHaveText("WebDAV");
  return panel;
}

const summary = (panel: Locator) => panel.getByTestId("summary");

test.describe("create on WebDAV", () => {
  test("the collection appears on the WebDAV server's disk and in the list, highlighted", async ({
    page,
    sandbox,
  }) => {
    const root = await webdavDir(sandbox);
    const panel = await openOnWebdav(page, sandbox);
    await expect(
      panel.getByText("SiYuan's API refuses to create directories on WebDAV.", { exact: false }),
    ).toBeVisible();
    const name = uniqueName("dav");
    const sent = page.waitForRequest((request) => request.url().endsWith(PROXY_ROUTE));
    await createFrom(panel, name);
    await expect(summary(panel)).toHaveText(`Created “${name}” on the WebDAV server.`);
    expect((await sent).postDataJSON()).toMatchObject({
      method: "MKCOL",
      url: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/${name}/$`)),
    });
    expect(isCollection(root, name)).toBe(true);
    // SiYuan's list (a PROPFIND on the same server) shows it, highlighted.
    const row = panel.locator(`[data-testid="dir-row"][data-name="${name}"]`);
    await expect(row).toBeVisible();
    await expect(row).toHaveClass(/csd-dirs__row--highlighted/);
    await openTechnical(panel);
    await expect(panel.getByTestId("response-request")).toContainText(`POST ${PROXY_ROUTE}`);
    await expect(panel.getByTestId("response-request")).toContainText(
      '"Authorization": "Basic ********"',
    );
    await expect(panel.getByTestId("response-body")).toContainText('"status": 201');
  });

  test("an existing name: 405 in words, and Use is offered", async ({ page, sandbox }) => {
    const root = await webdavDir(sandbox);
    const name = uniqueName("dav-old");
    const panel = await openOnWebdav(page, sandbox);
    await expect(panel.getByTestId("dir-row").first()).toBeVisible();
    // Made after the list was read, as by another device: only the server knows it exists.
    fs.mkdirSync(path.join(root, name));
    await createFrom(panel, name);
    await expect(summary(panel)).toHaveText(
      `“${name}” already exists on the WebDAV server. Use it, if it holds this workspace's data or nothing.`,
    );
    await expect(panel.getByRole("button", { name: `Use “${name}”` })).toBeVisible();
  });

  test("a wrong password: 401 in words", async ({ page, sandbox }) => {
    const panel = await openOnWebdav(page, sandbox, { webdavWrongPassword: true });
    const name = uniqueName("dav-401");
    await createFrom(panel, name);
    await expect(summary(panel)).toHaveText(
      "The WebDAV server refused the user name or password in SiYuan's WebDAV settings. Correct them in SiYuan's settings, under Cloud.",
    );
    expect(isCollection(await webdavDir(sandbox), name)).toBe(false);
  });

  test("SiYuan 3.7.2 refuses the loopback server: why, then Use this name now, read back", async ({
    page,
    sandbox,
  }) => {
    const panel = await openOnWebdav(page, sandbox, { version: "3.7.2" });
    const name = uniqueName("dav-372");
    await createFrom(panel, name);
    await expect(summary(panel)).toHaveText(
      "SiYuan refused to connect to the local address 127.0.0.1: SiYuan 3.6.0 to 3.7.2 keep plugins from reaching loopback and local network addresses. SiYuan 3.7.3 lifts this rule.",
    );
    expect(isCollection(await webdavDir(sandbox), name)).toBe(false);

    await panel.getByRole("button", { name: "Use this name now" }).click();
    const dialog = page.getByRole("dialog", { name: `Use “${name}” now?` });
    await expect(dialog).toContainText("SiYuan creates it at its next sync");
    const set = page.waitForRequest((request) =>
      request.url().endsWith("/api/sync/setCloudSyncDir"),
    );
    await dialog.getByRole("button", { name: "Use this name now" }).click();
    expect((await set).postDataJSON()).toEqual({ name });
    await expect(summary(panel)).toHaveText(
      `SiYuan now syncs with “${name}” and creates the folder at its next sync.`,
    );
    expect((await sandbox.state()).cloudName).toBe(name);
    await expect(panel.getByTestId("active-directory")).toHaveText(name);
  });

  test("createCloudSyncDir stays available, and SiYuan's refusal is explained", async ({
    page,
    sandbox,
  }) => {
    const panel = await openOnWebdav(page, sandbox);
    await panel.getByRole("textbox", { name: "New directory" }).fill(uniqueName("dav-kernel"));
    await panel
      .getByRole("button", { name: "Send createCloudSyncDir instead, to see SiYuan's own answer" })
      .click();
    await expect(summary(panel)).toHaveText(
      "SiYuan cannot manage directories on the active provider. Use your provider's own console or client.",
    );
    await expect(panel.getByTestId("reply-line")).toContainText("This operation is not supported");
  });

  test("in Chinese: the refusal on 3.7.2 names 3.7.3", async ({ page, sandbox }) => {
    const panel = await openOnWebdav(page, sandbox, { version: "3.7.2" }, "zh_CN");
    await panel.getByRole("textbox", { name: "新建目录" }).fill(uniqueName("dav-zh"));
    await panel.getByRole("button", { name: "创建", exact: true }).click();
    await expect(summary(panel)).toHaveText(
      "思源拒绝连接本地地址 127.0.0.1：思源 3.6.0 到 3.7.2 不允许插件访问回环地址和局域网地址。思源 3.7.3 取消了这条限制。",
    );
    await expect(panel.getByRole("button", { name: "现在使用这个名称" })).toBeVisible();
  });
});

test.describe("the WebDAV password", () => {
  test("never appears in the page, the history, a snippet, the console or the plugin's storage", async ({
    page,
    context,
    sandbox,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const logged: string[] = [];
    page.on("console", (message) => logged.push(message.text()));
    const panel = await openOnWebdav(page, sandbox);
    const password = await webdavPassword(page);
    const basic = Buffer.from(`sandbox-user:${password}`).toString("base64");
    const name = uniqueName("dav-secret");
    const sent = page.waitForRequest((request) => request.url().endsWith(PROXY_ROUTE));
    await createFrom(panel, name);
    // The request to SiYuan carries it, so not finding it below means something.
    expect((await sent).postDataJSON().headers).toEqual([{ Authorization: `Basic ${basic}` }]);
    await expect(summary(panel)).toHaveText(`Created “${name}” on the WebDAV server.`);

    await openTechnical(panel);
    // Its open state is a stored preference: another test may have left it open.
    const history = panel.locator("details.csd-history");
    if ((await history.getAttribute("open")) === null) {
      await panel.getByText(/^Request history/).click();
    }
    await panel.getByRole("button", { name: new RegExp(`^Show ${PROXY_ROUTE}`) }).click();
    await expect(panel.getByTestId("response-request")).toContainText("Basic ********");
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    const copies: string[] = [];
    for (const format of ["Copy as cURL", "Copy as JavaScript"]) {
      await panel.getByRole("button", { name: format }).click();
      await expect.poll(clipboard).toContain(PROXY_ROUTE);
      copies.push(await clipboard());
    }

    const storage = fs
      .readdirSync(sandbox.storageDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
    const places = {
      page: await page.content(),
      text: await page.locator("body").innerText(),
      copies: copies.join("\n"),
      console: logged.join("\n"),
      storage: storage.join("\n"),
    };
    for (const [place, text] of Object.entries(places)) {
      expect(text, place).not.toContain(password);
      expect(text, place).not.toContain(basic);
    }
    for (const copy of copies) expect(copy).toContain("Basic BASE64_OF_USERNAME:PASSWORD");
  });
});
