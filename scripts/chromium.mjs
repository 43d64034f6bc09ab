// @ts-check
// How every tool here starts Debian's Chromium: the end-to-end tests, the preview image and the
// benchmark. Playwright never downloads a browser of its own.
import fs from "node:fs";

export const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
].filter((candidate) => typeof candidate === "string" && candidate !== "");

/** The first executable Chromium, or `undefined`. @returns {string | undefined} */
export function findChromium() {
  return CHROMIUM_CANDIDATES.find((candidate) => {
    try {
      fs.accessSync(/** @type {string} */ (candidate), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Flags for a closed network: without the background-networking ones Chromium keeps trying
 * Google's hosts. `--no-sandbox` because tests run as root here.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** @param {string[]} [extraArgs] */
export function chromiumLaunchOptions(extraArgs = []) {
  return {
    executablePath: findChromium() ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
  };
}
