import fs from "node:fs";
import path from "node:path";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openDock, uniqueName } from "./plugin-helpers";

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
});
