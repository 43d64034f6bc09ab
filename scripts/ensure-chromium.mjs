// @ts-check
/**
 * Makes sure a system Chromium exists for Playwright (which must never download a browser):
 * CHROMIUM_PATH, then Debian's /usr/bin/chromium, then /usr/bin/chromium-browser. As root with
 * apt-get it installs Debian's `chromium` package; otherwise it explains what to do.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { CHROMIUM_CANDIDATES, findChromium } from "./chromium.mjs";

function canInstallWithApt() {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return isRoot && fs.existsSync("/usr/bin/apt-get");
}

let chromium = findChromium();
if (!chromium && canInstallWithApt()) {
  console.log(
    "Chromium not found: installing Debian's chromium package (apt-get update && apt-get install -y chromium)…",
  );
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  chromium = findChromium();
}
if (!chromium) {
  console.error(
    [
      "No Chromium found for the end-to-end tests (looked at: " +
        CHROMIUM_CANDIDATES.join(", ") +
        ").",
      "Install your distribution's Chromium (Debian/Ubuntu: sudo apt-get install chromium),",
      "or set CHROMIUM_PATH to a Chromium/Chrome binary. Playwright is configured never to download one.",
    ].join("\n"),
  );
  process.exit(1);
}
const version = execFileSync(chromium, ["--version"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "ignore"],
}).trim();
console.log(`Using Chromium: ${chromium} (${version})`);
