import path from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/chromium.mjs";

/**
 * The sandbox port of the end-to-end tests (the interactive sandbox uses 6816). Override with
 * SANDBOX_E2E_PORT to run two suites side by side.
 */
const E2E_PORT = Number(process.env.SANDBOX_E2E_PORT || 6817);

// Fresh kernel-double folders per run. Set once in the runner process; workers inherit the env,
// so every process sees the same folders.
process.env.SANDBOX_E2E_DIR ??= path.resolve(".sandbox", `e2e-${Date.now()}-${process.pid}`);
const runDir = process.env.SANDBOX_E2E_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  retries: 0,
  reporter: "list",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}/`,
    headless: true,
    // Debian's Chromium; Playwright must never download a browser.
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    command: "node sandbox/server.mjs",
    url: `http://127.0.0.1:${E2E_PORT}/__sandbox/info`,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    // Explicit values so a developer's shell (proxy mode, other plugin folders) cannot leak in.
    env: {
      PORT: String(E2E_PORT),
      PLUGIN_DIR: "dist",
      SANDBOX_EXTRA_PLUGIN_DIRS: "",
      SIYUAN_URL: "",
      SIYUAN_TOKEN: "",
      SANDBOX_DIR: path.join(runDir, "cloud"),
      SANDBOX_STORAGE_DIR: path.join(runDir, "workspace"),
    },
  },
});
