// @ts-check
// The `version` step of `npm version patch|minor|major`: npm has written the new version to
// package.json; this copies it into plugin.json and turns CHANGELOG.md's Unreleased notes into the
// new version's section. package.json's script then `git add`s both, so npm's commit and
// `v<version>` tag carry all three files at the same version.
import { readFileSync, writeFileSync } from "node:fs";
import { releaseUnreleased, withPluginVersion, SEMVER } from "./release-rules.mjs";

const { version } = /** @type {{ version: unknown }} */ (
  JSON.parse(readFileSync("package.json", "utf8"))
);
try {
  if (typeof version !== "string" || !SEMVER.test(version)) {
    throw new Error(`package.json's version ${JSON.stringify(version)} is not semver.`);
  }
  const today = new Date().toISOString().slice(0, 10);
  const changelog = releaseUnreleased(readFileSync("CHANGELOG.md", "utf8"), version, today);
  const pluginJson = withPluginVersion(readFileSync("plugin.json", "utf8"), version);
  writeFileSync("CHANGELOG.md", changelog);
  writeFileSync("plugin.json", pluginJson);
  console.log(`plugin.json and CHANGELOG.md are at ${version}.`);
} catch (error) {
  console.error(`version: ${error instanceof Error ? error.message : String(error)}`);
  console.error(
    "npm has already changed package.json (and package-lock.json): " +
      "`git checkout package.json package-lock.json` undoes that.",
  );
  process.exit(1);
}
