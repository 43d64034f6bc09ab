// @ts-check
// Regenerates preview.png (1024×768, ≤ 200 KB, the bazaar's limit) from a real screenshot of the
// built plugin in the sandbox: the dock open, a directory just created and listed.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startSandbox } from "../sandbox/server.mjs";
import { chromiumLaunchOptions } from "./chromium.mjs";

const MAX_BYTES = 200 * 1024;
const scratch = mkdtempSync(join(tmpdir(), "csd-preview-"));
const sandbox = await startSandbox({
  port: 0,
  cloudDir: join(scratch, "cloud"),
  storageDir: join(scratch, "workspace"),
});
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(sandbox.url);
  await page.locator("body[data-loaded]").waitFor({ state: "attached" });
  await page.evaluate(() => /** @type {any} */ (window).__sandbox.openDock("cloud-sync-dir"));
  await page.getByRole("textbox", { name: "Path" }).fill("notes/2025");
  await page.getByRole("button", { name: "Use “notes-2025”" }).click();
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.getByTestId("summary").waitFor();
  await page.locator('[data-testid="dir-row"][data-name="notes-2025"]').waitFor();
  await page.screenshot({ path: "preview.png" });
} finally {
  await browser.close();
  await sandbox.close();
  rmSync(scratch, { recursive: true, force: true });
}
const bytes = statSync("preview.png").size;
console.log(`preview.png: 1024×768, ${bytes} bytes`);
if (bytes > MAX_BYTES) {
  console.error(`preview.png is over the bazaar's ${MAX_BYTES} bytes`);
  process.exit(1);
}
