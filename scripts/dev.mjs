// @ts-check
/**
 * Development loop: `vite build --watch --mode development`.
 * - With SIYUAN_WORKSPACE set, vite.config.ts writes straight into
 *   <workspace>/data/plugins/cloud-sync-dir/, so a running SiYuan picks the plugin up there.
 * - Without it, the build goes to dist/ and the sandbox server is started too; the open
 *   sandbox page reloads whenever dist/ changes.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

// vite does not export its bin path, so locate it beside its package.json.
const viteBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve("vite/package.json")),
  "bin",
  "vite.js",
);
const workspace = process.env.SIYUAN_WORKSPACE;

/** @type {import("node:child_process").ChildProcess[]} */
const children = [];

/**
 * @param {string} label
 * @param {string[]} args node arguments
 */
function run(label, args) {
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  child.on("exit", (code, signal) => {
    if (signal === null) console.log(`[dev] ${label} exited with code ${code}`);
    stopAll(code ?? 0);
  });
  children.push(child);
}

/** @param {number} code */
function stopAll(code) {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}

if (workspace) {
  console.log(
    `[dev] SIYUAN_WORKSPACE is set: vite.config.ts writes the build into ${workspace}/data/plugins/cloud-sync-dir/`,
  );
  console.log(
    "[dev] Reload the plugin in SiYuan (or restart it) to see changes. The sandbox is not started.",
  );
} else {
  console.log(
    "[dev] Building into dist/ and starting the sandbox; the sandbox page reloads on every rebuild.",
  );
  run("sandbox", ["sandbox/server.mjs"]);
}
run("vite build --watch", [viteBin, "build", "--watch", "--mode", "development"]);

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"]))
  process.once(signal, () => stopAll(0));
