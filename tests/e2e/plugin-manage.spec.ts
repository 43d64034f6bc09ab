import fs from "node:fs";
import path from "node:path";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ROWS_PER_PAGE } from "../../src/core/dir-list";
import {
  activeProvider,
  createFrom,
  folderExists,
  openDock,
  openTechnical,
  uniqueName,
} from "./plugin-helpers";

const rowOf = (panel: Locator, name: string) =>
  panel.locator(`[data-testid="dir-row"][data-name="${name}"]`);

function makeFolders(cloudDir: string, ...names: string[]): void {
  for (const name of names) fs.mkdirSync(path.join(cloudDir, name), { recursive: true });
}

test.describe("managing cloud sync directories", () => {
  test("after a create the list refreshes and highlights the new directory", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const name = uniqueName("listed");
    await createFrom(panel, name);
    await expect(rowOf(panel, name)).toBeVisible();
    await expect(rowOf(panel, name)).toHaveClass(/csd-dirs__row--highlighted/);
    await expect(rowOf(panel, name)).toContainText("— · updated");
  });

  test("Use switches the active directory only after confirmation", async ({ page, sandbox }) => {
    const name = uniqueName("use");
    makeFolders(sandbox.cloudDir, name);
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await panel.getByRole("button", { name: `Use ${name}` }).click();
    const dialog = panel.getByRole("dialog", { name: "Switch the cloud sync directory?" });
    await expect(dialog).toContainText(`Switch this workspace from “main” to “${name}”`);
    await expect(dialog).toContainText("Pick only a directory that is empty");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await sandbox.state()).cloudName).toBe("main");

    await panel.getByRole("button", { name: `Use ${name}` }).click();
    await panel.getByRole("dialog").getByRole("button", { name: "Switch" }).click();
    await expect(rowOf(panel, name)).toHaveAttribute("aria-current", "true");
    await expect(rowOf(panel, name).getByTestId("action-result")).toHaveText(
      `Now syncing with “${name}”.`,
    );
    await expect(panel.getByTestId("active-directory")).toHaveText(name);
    expect((await sandbox.state()).cloudName).toBe(name);
  });

  test("delete: cancel keeps the folder; the typed name removes exactly that folder", async ({
    page,
    sandbox,
  }) => {
    const doomed = uniqueName("doomed");
    const sibling = `${doomed}-sibling`;
    const outside = path.join(path.dirname(sandbox.cloudDir), uniqueName("canary"));
    fs.mkdirSync(outside);
    makeFolders(sandbox.cloudDir, doomed, sibling, path.join(doomed, "objects"));
    await sandbox.gotoHost();
    const panel = await openDock(page);

    await panel.getByRole("button", { name: `Delete ${doomed}`, exact: true }).click();
    let dialog = panel.getByRole("dialog");
    await expect(dialog).toContainText("destroys every snapshot");
    await expect(dialog).toContainText("The notes on this device are not touched");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    expect(folderExists(sandbox.cloudDir, doomed)).toBe(true);

    await panel.getByRole("button", { name: `Delete ${doomed}`, exact: true }).click();
    dialog = panel.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Delete", exact: true });
    const typed = dialog.getByRole("textbox", { name: doomed, exact: true });
    await expect(confirm).toBeDisabled();
    await typed.fill(sibling);
    await expect(confirm).toBeDisabled();
    await typed.fill(doomed);
    await confirm.click();
    await expect(rowOf(panel, doomed)).toHaveCount(0);
    await expect(panel.getByTestId("action-result")).toContainText(`Deleted “${doomed}”`);
    expect(folderExists(sandbox.cloudDir, doomed)).toBe(false);
    expect(folderExists(sandbox.cloudDir, sibling)).toBe(true);
    expect(fs.existsSync(outside)).toBe(true);
    fs.rmSync(outside, { recursive: true });
  });

  test("deleting the active directory says SiYuan switches to main", async ({ page, sandbox }) => {
    const name = uniqueName("active");
    makeFolders(sandbox.cloudDir, name);
    await sandbox.setState({ cloudName: name });
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await panel.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
    const dialog = panel.getByRole("dialog");
    await expect(dialog).toContainText(
      "SiYuan then switches this workspace to the directory “main”",
    );
    await dialog.getByRole("textbox", { name, exact: true }).fill(name);
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(panel.getByTestId("active-directory")).toHaveText("main");
    expect((await sandbox.state()).cloudName).toBe("main");
  });

  test("names the kernel would refuse (.stfolder, lost+found) are greyed and cannot be touched", async ({
    page,
    sandbox,
  }) => {
    makeFolders(sandbox.cloudDir, ".stfolder", "lost+found");
    await sandbox.gotoHost();
    const panel = await openDock(page);
    for (const name of [".stfolder", "lost+found"]) {
      const row = rowOf(panel, name);
      await expect(row).toHaveClass(/csd-dirs__row--invalid/);
      await expect(row).toContainText("cannot be used or deleted here");
      await expect(row.getByRole("button")).toHaveCount(0);
    }
    await expect(rowOf(panel, "..")).toHaveCount(0);
    await expect(panel.getByRole("button", { name: /^Delete \.\.?$/ })).toHaveCount(0);
    expect(folderExists(sandbox.cloudDir, ".stfolder")).toBe(true);
  });

  for (const [provider, note] of [
    [2, "With S3 the configured bucket is the one directory"],
    [3, "WebDAV directories have no Delete here"],
  ] as const) {
    test(`provider ${provider}: explained, and no delete is offered`, async ({ page, sandbox }) => {
      await sandbox.setState({ provider });
      await sandbox.gotoHost();
      const panel = await openDock(page);
      await expect(panel.getByText(note)).toBeVisible();
      await expect(panel.locator('[data-testid="dir-row"]').first()).toBeVisible();
      await expect(panel.getByRole("button", { name: /^Delete / })).toHaveCount(0);
    });
  }

  test("the SiYuan provider: create, list with sizes, and delete, in the kernel's memory", async ({
    page,
    sandbox,
  }) => {
    await sandbox.setState({ provider: 0 });
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await expect(activeProvider(panel)).toHaveText("SiYuan");
    const name = uniqueName("siyuan");
    await createFrom(panel, name);
    await expect(panel.getByTestId("summary")).toHaveText(`Created “${name}” on SiYuan.`);
    await expect(rowOf(panel, name)).toContainText("0 B · updated");
    expect(folderExists(sandbox.cloudDir, name)).toBe(false);
    await panel.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
    const dialog = panel.getByRole("dialog");
    await dialog.getByRole("textbox", { name, exact: true }).fill(name);
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(rowOf(panel, name)).toHaveCount(0);
    expect((await sandbox.state()).siyuanDirs).toEqual([]);
  });

  test("a listing error is explained with where to configure the provider", async ({
    page,
    sandbox,
    consoleErrors,
  }) => {
    consoleErrors.allow(/Failed to load resource/);
    await sandbox.fault("http500", "/api/sync/listCloudSyncDir");
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await expect(panel.getByRole("alert")).toHaveText(/^SiYuan failed to carry out the request\./);
    await panel.getByRole("button", { name: "Refresh list" }).click();
    await expect(panel.getByRole("alert")).toHaveCount(0);
    await expect(panel.locator('[data-testid="dir-row"]').first()).toBeVisible();
  });

  test("1,000 directories: a page at a time as the list scrolls, and the filter narrows them", async ({
    page,
    sandbox,
  }) => {
    const prefix = uniqueName("bulk");
    const names = Array.from(
      { length: 1000 },
      (_, index) => `${prefix}-${String(index).padStart(4, "0")}`,
    );
    makeFolders(sandbox.cloudDir, ...names);
    await sandbox.gotoHost();
    const panel = await openDock(page);
    // Other tests' folders share the Local endpoint, so count rows rather than expect names.
    const rows = panel.locator('[data-testid="dir-row"]');
    const more = panel.getByRole("button", { name: /^Show more \(\d+ not shown yet\)$/ });
    await expect(more).toBeAttached();
    await expect(rows).toHaveCount(ROWS_PER_PAGE);
    await more.scrollIntoViewIfNeeded();
    await expect(rows).toHaveCount(2 * ROWS_PER_PAGE);
    const filter = panel.getByRole("searchbox", { name: "Filter directories" });
    await filter.fill(`${prefix}-099`);
    await expect(panel.locator('[data-testid="dir-row"]')).toHaveCount(10);
    await expect(rowOf(panel, `${prefix}-0999`)).toBeVisible();
    for (const name of names) fs.rmSync(path.join(sandbox.cloudDir, name), { recursive: true });
  });

  test("history keeps the session's requests and reopens one in the response view", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const name = uniqueName("history");
    await createFrom(panel, name);
    await expect(panel.getByTestId("summary")).toContainText(name);
    await openTechnical(panel);
    await panel.getByText(/Request history \(\d+\)/).click();
    const entries = panel.getByRole("button", { name: /^Show \/api\/sync\// });
    await expect(entries.first()).toBeVisible();
    await panel
      .getByRole("button", { name: /^Show \/api\/sync\/listCloudSyncDir/ })
      .first()
      .click();
    await expect(panel.getByTestId("response-request")).toContainText(
      "POST /api/sync/listCloudSyncDir",
    );
  });

  test("copied snippets carry the placeholder, and the token only when asked for", async ({
    page,
    context,
    sandbox,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const name = uniqueName("snippet");
    await createFrom(panel, name);
    await expect(panel.getByTestId("summary")).toContainText(name);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await openTechnical(panel);

    await panel.getByRole("button", { name: "Copy as cURL" }).click();
    await expect(panel.getByText("Copied to the clipboard.")).toBeVisible();
    const curl = await clipboard();
    expect(curl).toContain("Authorization: Token YOUR_API_TOKEN");
    expect(curl).toContain(`"name":"${name}"`);
    expect(curl).not.toContain("sandbox-token");

    await panel.getByRole("button", { name: "Copy as JavaScript" }).click();
    const javascript = await clipboard();
    expect(javascript).toContain("Token YOUR_API_TOKEN");
    expect(javascript).toContain("/api/sync/createCloudSyncDir");

    await panel.getByRole("checkbox", { name: "Include my API token in this copy" }).check();
    await panel.getByRole("button", { name: "Copy as cURL" }).click();
    await expect.poll(clipboard).toContain("Token sandbox-token");
    await expect(
      panel.getByRole("checkbox", { name: "Include my API token in this copy" }),
    ).not.toBeChecked();
    await expect(panel).not.toContainText("sandbox-token");
  });
});
