import fs from "node:fs";
import path from "node:path";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CREATE_ROUTE, createFrom, createdOnLocal, openDock, uniqueName } from "./plugin-helpers";

/** The page's --b3-theme-error as the browser resolves it for `color`. */
function themeError(scope: Locator): Promise<string> {
  return scope.evaluate((element) => {
    const probe = document.createElement("span");
    probe.style.color = "var(--b3-theme-error)";
    element.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
}

test.describe("keyboard and colours", () => {
  test("destructive buttons use SiYuan's error colour", async ({ page, sandbox }) => {
    const name = uniqueName("red");
    fs.mkdirSync(path.join(sandbox.cloudDir, name), { recursive: true });
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const error = await themeError(panel);
    expect(error).not.toBe(await panel.evaluate((element) => getComputedStyle(element).color));

    const trash = panel.getByRole("button", { name: `Delete ${name}`, exact: true });
    await expect(trash).toHaveCSS("color", error);
    await trash.click();
    const confirm = panel.getByRole("dialog").getByRole("button", { name: "Delete", exact: true });
    await expect(confirm).toHaveCSS("color", error);
  });

  test("every control shows a clear focus ring while tabbing through the panel", async ({
    page,
    sandbox,
  }) => {
    const name = uniqueName("ring");
    fs.mkdirSync(path.join(sandbox.cloudDir, name), { recursive: true });
    await sandbox.gotoHost();
    const panel = await openDock(page);
    // A name with a suggestion, so the suggestion button is in the tab order too.
    await panel.getByRole("textbox", { name: "New directory" }).fill("a/b");
    await expect(panel.getByRole("button", { name: "Use “a-b”" })).toBeVisible();
    // Start the tab order at the top of the panel, as a click there does.
    await panel.getByText("Each workspace syncs into one cloud directory.").click();

    const seen: { control: string; tag: string; style: string; width: number }[] = [];
    for (let step = 0; step < 60; step += 1) {
      await page.keyboard.press("Tab");
      const focused = await panel.evaluate((element) => {
        const active = document.activeElement;
        if (!(active instanceof HTMLElement) || !element.contains(active)) return null;
        const style = getComputedStyle(active);
        return {
          control: active.getAttribute("aria-label") ?? active.textContent?.trim() ?? "",
          tag: active.tagName,
          style: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
        };
      });
      if (focused === null) break;
      seen.push({ ...focused, control: `${focused.tag} ${focused.control}` });
    }
    const controls = seen.map((entry) => entry.control);
    for (const expected of [
      /^SELECT/,
      /^INPUT/,
      /^BUTTON Use “a-b”/,
      new RegExp(`^BUTTON Use ${name}$`),
      new RegExp(`^BUTTON Delete ${name}$`),
      /^SUMMARY Request and response/,
    ]) {
      expect(
        controls.some((control) => expected.test(control)),
        String(expected),
      ).toBe(true);
    }
    for (const entry of seen) {
      expect(entry.style, entry.control).not.toBe("none");
      expect(entry.width, entry.control).toBeGreaterThanOrEqual(2);
    }
  });
});

/** How far the panel, its body or an open confirmation is wider than its box; 0 when it fits. */
function overflow(panel: Locator): Promise<number> {
  return panel.evaluate((element) => {
    const boxes = [element, ...element.querySelectorAll(".csd-panel__body, .csd-modal__box")];
    return Math.max(...boxes.map((box) => box.scrollWidth - box.clientWidth));
  });
}

test.describe("fits", () => {
  for (const mobile of [false, true]) {
    test(`${mobile ? "mobile" : "320-px dock"}: nothing overflows sideways in any state`, async ({
      page,
      sandbox,
      consoleErrors,
    }) => {
      consoleErrors.allow(/Failed to load resource/);
      const long = `${uniqueName("wide")}-${"w".repeat(36)}`;
      fs.mkdirSync(path.join(sandbox.cloudDir, long), { recursive: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await sandbox.gotoHost({ mobile });
      if (mobile) await page.getByRole("button", { name: "Plugin docks" }).click();
      const panel = await openDock(page, { mobile });
      if (!mobile) expect((await panel.boundingBox())!.width).toBe(320);
      const fits = async (state: string) =>
        expect(await overflow(panel), state).toBeLessThanOrEqual(0);
      await fits("empty");

      const field = panel.getByRole("textbox", { name: "New directory" });
      await field.fill("a/".repeat(30));
      await expect(panel.getByRole("button", { name: /^Use “a-/ })).toBeVisible();
      await fits("invalid long name with a long suggestion");

      await panel.getByRole("button", { name: `Delete ${long}`, exact: true }).click();
      const dialog = panel.getByRole("dialog");
      await expect(dialog).toBeVisible();
      await fits("delete confirmation open");
      await dialog.getByRole("button", { name: "Cancel" }).click();

      const created = uniqueName("fits");
      await createFrom(panel, created);
      await expect(panel.getByTestId("summary")).toHaveText(createdOnLocal(created));
      await fits("after a create");

      await sandbox.fault("http500", CREATE_ROUTE);
      await createFrom(panel, uniqueName("broken"));
      await expect(panel.getByTestId("summary")).toHaveText(/^SiYuan failed to carry out/);
      await fits("error result");

      await panel.getByRole("combobox", { name: "Active provider" }).selectOption("3");
      await expect(dialog).toBeVisible();
      await fits("provider switch confirmation open");
      await dialog.getByRole("button", { name: "Switch" }).click();
      await expect(panel.getByTestId("provider-result")).toBeVisible();
      await fits("after a provider switch");
    });
  }
});
