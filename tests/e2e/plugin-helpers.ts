import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

export const PLUGIN_NAME = "cloud-sync-dir";
export const CREATE_ROUTE = "/api/sync/createCloudSyncDir";

/** A directory name no other test uses, so tests never see each other's folders. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * Opens the dock the way a user does, from its button in the dock bar (on mobile, in the sidebar's
 * plugin list), and waits for the form.
 */
export async function openDock(
  page: Page,
  { title = "Cloud sync directories", mobile = false } = {},
): Promise<Locator> {
  await page.getByRole("button", { name: title, exact: true }).click();
  const panel = page.locator(
    mobile ? '#sidebar [data-type="sidebar-plugin"]' : `.sy__${PLUGIN_NAME}dock`,
  );
  await expect(panel.getByRole("combobox")).toBeVisible();
  return panel;
}

/** The option the provider select shows: SiYuan's active provider. */
export function activeProvider(scope: Locator): Locator {
  return scope.getByTestId("active-provider").locator("option:checked");
}

/** Counts the requests the page sends to one kernel route. */
export function countRequests(page: Page, route: string): { readonly count: number } {
  const counter = { count: 0 };
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === route) counter.count += 1;
  });
  return counter;
}

export function folderExists(cloudDir: string, name: string): boolean {
  return fs.existsSync(path.join(cloudDir, name));
}

/** The summary the panel shows after the kernel created `name` on the sandbox's Local provider. */
export function createdOnLocal(name: string): string {
  return `Created “${name}” on Local file system.`;
}

export async function createFrom(scope: Locator | Page, name: string): Promise<void> {
  await scope.getByRole("textbox", { name: "New directory" }).fill(name);
  await scope.getByRole("button", { name: "Create", exact: true }).click();
}

/** Unfolds the "Request and response" section (folded in the dock) as a user does. */
export async function openTechnical(scope: Locator): Promise<void> {
  const section = scope.getByTestId("technical");
  if ((await section.getAttribute("open")) === null) {
    await section.getByText("Request and response", { exact: true }).click();
  }
  await expect(section).toHaveAttribute("open", "");
}
