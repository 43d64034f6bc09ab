/**
 * Keyboard-only use in real Chromium: the command palette, the create form in its dialog, and the
 * Use and Delete confirmations. Nothing here clicks; every outcome that matters is checked on disk
 * or in the kernel double's saved settings.
 */
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createdOnLocal, folderExists, uniqueName } from "./plugin-helpers";

/** More Tab presses than any panel here needs; reaching it means focus never got there. */
const MAX_TABS = 300;

/** Where focus is, described for failure messages. */
function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return "<body>";
    const label = active.getAttribute("aria-label") ?? active.textContent?.trim().slice(0, 40);
    return `<${active.tagName.toLowerCase()}> ${label ?? ""}`;
  });
}

/** Focus is on an element (not <body>), and Chromium shows it as keyboard focus. */
async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  expect(await target.evaluate((element) => element.matches(":focus-visible"))).toBe(true);
  const ring = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    return { outline: style.outlineStyle, width: style.outlineWidth, shadow: style.boxShadow };
  });
  expect(
    (ring.outline !== "none" && ring.width !== "0px") || ring.shadow !== "none",
    `no focus indicator on ${await describeFocus(target.page())}: ${JSON.stringify(ring)}`,
  ).toBe(true);
}

/** Presses Tab until `target` has focus; focus must never fall back to <body> on the way. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
    expect(await describeFocus(page), "focus fell back to <body> while tabbing").not.toBe("<body>");
  }
  throw new Error(`${MAX_TABS} Tab presses never reached the target`);
}

/** Opens the create dialog from the command palette with the keyboard only. */
async function openFromPalette(page: Page): Promise<Locator> {
  await page.keyboard.press("Control+Shift+P");
  const palette = page.getByRole("combobox", { name: "Command palette" });
  await expect(palette).toBeFocused();
  const wanted = page.getByRole("option", { name: /Create cloud sync directory…/ });
  await expect(wanted).toBeVisible();
  const options = await page.getByRole("option").count();
  for (let step = 0; step < options; step += 1) {
    if ((await wanted.getAttribute("aria-selected")) === "true") break;
    await palette.press("ArrowDown");
  }
  await expect(wanted).toHaveAttribute("aria-selected", "true");
  await palette.press("Enter");
  const dialog = page.locator(".b3-dialog").filter({ has: page.locator(".csd-dialog") });
  await expect(dialog.getByRole("combobox", { name: "Active provider" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Command palette" })).toHaveCount(0);
  return dialog;
}

const rowOf = (scope: Locator, name: string) =>
  scope.locator(`[data-testid="dir-row"][data-name="${name}"]`);

test.describe("keyboard only", () => {
  test("palette → dialog → path → Enter creates the folder on disk", async ({ page, sandbox }) => {
    await sandbox.gotoHost();
    const dialog = await openFromPalette(page);
    const pathField = dialog.getByRole("textbox", { name: "New directory" });

    // The dialog starts in Path, like SiYuan's own create dialog.
    await expectVisibleFocus(pathField);
    const name = uniqueName("keyboard");
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");

    await expect(dialog.getByTestId("summary")).toHaveText(createdOnLocal(name));
    expect(folderExists(sandbox.cloudDir, name)).toBe(true);
    await expect(rowOf(dialog, name)).toBeVisible();
    expect(await describeFocus(page)).not.toBe("<body>");
  });

  test("Use: the confirmation closes with Escape and with Cancel, and Enter on Switch switches", async ({
    page,
    sandbox,
  }) => {
    const name = uniqueName("kb-use");
    fs.mkdirSync(path.join(sandbox.cloudDir, name));
    await sandbox.gotoHost();
    const dialog = await openFromPalette(page);
    const use = dialog.getByRole("button", { name: `Use ${name}` });
    const confirmation = dialog.getByRole("dialog", { name: "Switch the cloud sync directory?" });

    await tabTo(page, use);
    await expectVisibleFocus(use);
    await page.keyboard.press("Enter");
    await expectVisibleFocus(confirmation.getByRole("button", { name: "Cancel" }));
    await page.keyboard.press("Escape");
    await expect(confirmation).toHaveCount(0);
    // Escape closed only the confirmation, not SiYuan's dialog around the panel.
    await expect(dialog).toBeVisible();
    await expectVisibleFocus(use);

    await page.keyboard.press("Enter");
    await expect(confirmation.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(confirmation).toHaveCount(0);
    await expectVisibleFocus(use);
    expect((await sandbox.state()).cloudName).toBe("main");

    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expectVisibleFocus(confirmation.getByRole("button", { name: "Switch" }));
    await page.keyboard.press("Enter");
    await expect(rowOf(dialog, name)).toHaveAttribute("aria-current", "true");
    await expect(rowOf(dialog, name).getByTestId("action-result")).toHaveText(
      `Now syncing with “${name}”.`,
    );
    expect((await sandbox.state()).cloudName).toBe(name);
  });

  test("Delete: Enter does nothing until the exact name is typed, Escape keeps the folder, Enter deletes", async ({
    page,
    sandbox,
  }) => {
    const name = uniqueName("kb-delete");
    const sibling = `${name}-sibling`;
    for (const folder of [name, sibling]) fs.mkdirSync(path.join(sandbox.cloudDir, folder));
    await sandbox.gotoHost();
    const dialog = await openFromPalette(page);
    const remove = dialog.getByRole("button", { name: `Delete ${name}`, exact: true });
    const confirmation = dialog.getByRole("dialog", { name: `Delete “${name}”?` });
    const typed = confirmation.getByRole("textbox", { name, exact: true });
    const confirm = confirmation.getByRole("button", { name: "Delete", exact: true });

    await tabTo(page, remove);
    await expectVisibleFocus(remove);
    await page.keyboard.press("Enter");
    await expectVisibleFocus(typed);
    await page.keyboard.type(name.toUpperCase());
    await page.keyboard.press("Enter");
    await expect(confirm).toBeDisabled();
    await expect(confirmation).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(confirmation).toHaveCount(0);
    await expect(dialog).toBeVisible();
    await expectVisibleFocus(remove);
    expect(folderExists(sandbox.cloudDir, name)).toBe(true);

    await page.keyboard.press("Enter");
    await expect(typed).toHaveValue("");
    await page.keyboard.type(`${name} `);
    await expect(confirm).toBeDisabled();
    await page.keyboard.press("Backspace");
    await expect(confirm).toBeEnabled();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expectVisibleFocus(confirm);
    await page.keyboard.press("Enter");

    await expect(rowOf(dialog, name)).toHaveCount(0);
    await expect(dialog.getByTestId("action-result")).toHaveText(
      `Deleted “${name}” from Local file system; the list confirms that nothing else changed. The current directory is “main”.`,
    );
    expect(folderExists(sandbox.cloudDir, name)).toBe(false);
    expect(folderExists(sandbox.cloudDir, sibling)).toBe(true);
  });

  // The palette's input had focus and is removed when the palette closes, so the dialog must take
  // focus itself, as SiYuan's own create dialog focuses its name field (bindInput).
  test("opening the dialog from the palette moves focus into it", async ({ page, sandbox }) => {
    await sandbox.gotoHost();
    const dialog = await openFromPalette(page);
    await expect(page.locator(".b3-dialog", { hasText: "Command palette" })).toHaveCount(0);
    const focusInDialog = () =>
      dialog.evaluate((element) => element.contains(document.activeElement));
    await expect.poll(focusInDialog, { timeout: 1000 }).toBe(true);
  });

  // A confirmed Switch or Delete disables the row button that opened the dialog, and the re-list
  // then removes it: focus must stay in the panel.
  for (const [action, confirmLabel] of [
    ["Use", "Switch"],
    ["Delete", "Delete"],
  ] as const) {
    test(`after a confirmed ${confirmLabel}, focus is not lost to <body>`, async ({
      page,
      sandbox,
    }) => {
      const name = uniqueName(`kb-focus-${action.toLowerCase()}`);
      fs.mkdirSync(path.join(sandbox.cloudDir, name));
      await sandbox.gotoHost();
      const dialog = await openFromPalette(page);
      await tabTo(page, dialog.getByRole("button", { name: `${action} ${name}`, exact: true }));
      await page.keyboard.press("Enter");
      const confirmation = dialog.getByRole("dialog");
      if (action === "Delete") await page.keyboard.type(name);
      await tabTo(page, confirmation.getByRole("button", { name: confirmLabel, exact: true }));
      await page.keyboard.press("Enter");
      await expect(dialog.getByTestId("action-result")).toContainText(name);
      expect(await describeFocus(page)).not.toBe("<body>");
    });
  }
});
