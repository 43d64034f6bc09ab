/**
 * Issue 9's two scenarios, replayed against the sandbox: a look-alike Local folder whose name the
 * kernel would trim, and a provider switched in SiYuan's settings behind an open list. Checked on
 * disk and in the double's SiYuan cloud: nothing but the confirmed directory is ever removed.
 */
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { countRequests, folderExists, openDock, uniqueName } from "./plugin-helpers";

const REMOVE_ROUTE = "/api/sync/removeCloudSyncDir";
const rowOf = (panel: Locator, name: string) =>
  panel.locator(`[data-testid="dir-row"][data-name="${name}"]`);

async function deleteFromList(page: Page, panel: Locator, name: string): Promise<Locator> {
  await panel.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
  const dialog = panel.getByRole("dialog");
  await dialog.getByRole("textbox").fill(name);
  return dialog;
}

for (const version of ["3.7.3", "3.6.3"]) {
  test(`kernel ${version}: folders named like another one with an invisible space are never offered`, async ({
    page,
    sandbox,
  }) => {
    const base = uniqueName("main");
    const odd = [`\u2000${base}`, `${base}\u3000`, `\u00a0${base}`, `\u0085${base}`];
    const sibling = `${base}-old`;
    const all = [base, ...odd, sibling];
    for (const name of all)
      fs.mkdirSync(path.join(sandbox.cloudDir, name, "objects"), { recursive: true });
    const removes = countRequests(page, REMOVE_ROUTE);
    try {
      await sandbox.setState({ version, cloudName: base });
      await sandbox.gotoHost();
      const panel = await openDock(page);
      await expect(rowOf(panel, base)).toHaveAttribute("aria-current", "true");

      await expect(rowOf(panel, odd[0]!)).toContainText(`\\u2000${base}`);
      await expect(rowOf(panel, odd[0]!)).toContainText(
        "It starts with an invisible space, U+2000",
      );
      await expect(rowOf(panel, odd[1]!)).toContainText("It ends with an invisible space, U+3000");
      for (const name of odd) {
        await expect(rowOf(panel, name)).toContainText("cannot be used or deleted here");
        await expect(rowOf(panel, name).getByRole("button")).toHaveCount(0);
      }

      // The one deletable neighbour: exactly it goes, and the list confirms nothing else did.
      const dialog = await deleteFromList(page, panel, sibling);
      await dialog.getByRole("button", { name: "Delete", exact: true }).click();
      await expect(panel.getByTestId("action-result")).toHaveText(
        `Deleted “${sibling}” from Local file system; the list confirms that nothing else changed. The current directory is “${base}”.`,
      );
      expect(removes.count).toBe(1);
      expect(folderExists(sandbox.cloudDir, sibling)).toBe(false);
      for (const name of [base, ...odd]) expect(folderExists(sandbox.cloudDir, name)).toBe(true);
      expect((await sandbox.state()).cloudName).toBe(base);
    } finally {
      for (const name of all)
        fs.rmSync(path.join(sandbox.cloudDir, name), { recursive: true, force: true });
    }
  });
}

test("a provider switched to SiYuan behind the open Local list: nothing is deleted anywhere", async ({
  page,
  sandbox,
}) => {
  const keep = uniqueName("keep-me");
  const other = uniqueName("other");
  fs.mkdirSync(path.join(sandbox.cloudDir, keep, "objects"), { recursive: true });
  const siyuanDirs = [keep, other].sort().map((name) => ({
    name,
    size: 0,
    updated: "2026-01-01 00:00:00",
  }));
  await sandbox.setState({ siyuanDirs });
  const removes = countRequests(page, REMOVE_ROUTE);
  try {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await expect(rowOf(panel, keep)).toBeVisible();

    await panel.getByRole("button", { name: `Delete ${keep}`, exact: true }).click();
    const dialog = panel.getByRole("dialog");
    await expect(dialog).toContainText(`stored in “${keep}” on Local file system.`);
    await expect(dialog.getByTestId("delete-path")).toHaveText(`${sandbox.cloudDir}/${keep}`);
    // Meanwhile the provider is switched in SiYuan's own settings.
    await sandbox.setState({ provider: 0 });
    await dialog.getByRole("textbox").fill(keep);
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();

    await expect(panel.getByRole("alert")).toHaveText(
      "The active provider changed from Local file system to SiYuan since this list was read. Nothing was sent; the list has been read again.",
    );
    expect(removes.count).toBe(0);
    expect(folderExists(sandbox.cloudDir, keep)).toBe(true);
    expect((await sandbox.state()).siyuanDirs).toEqual(siyuanDirs);

    // The list is now SiYuan's; deleting there names SiYuan and removes only that entry.
    await expect(rowOf(panel, keep)).toContainText("0 B · updated");
    const again = await deleteFromList(page, panel, keep);
    await expect(again).toContainText(`stored in “${keep}” on SiYuan.`);
    await expect(again.getByTestId("delete-path")).toHaveCount(0);
    await again.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(panel.getByTestId("action-result")).toContainText(
      `Deleted “${keep}” from SiYuan; the list confirms that nothing else changed.`,
    );
    expect(removes.count).toBe(1);
    expect((await sandbox.state()).siyuanDirs).toEqual(
      siyuanDirs.filter((dir) => dir.name !== keep),
    );
    expect(folderExists(sandbox.cloudDir, keep)).toBe(true);
  } finally {
    fs.rmSync(path.join(sandbox.cloudDir, keep), { recursive: true, force: true });
  }
});
