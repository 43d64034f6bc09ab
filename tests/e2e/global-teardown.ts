import fs from "node:fs";

/** Removes this run's kernel-double folders (created fresh by playwright.config.ts). */
export default function removeRunFolders(): void {
  const runDir = process.env.SANDBOX_E2E_DIR;
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
}
