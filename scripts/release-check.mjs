// @ts-check
// `npm run release:check [-- v1.2.3]`: everything the release workflow does before it uploads.
// The tag comes from the argument, else RELEASE_TAG, else v<package.json version>. It refuses a
// tag that differs from package.json's and plugin.json's version or that has no changelog notes,
// then runs the tests, builds package.zip, lists what the zip holds, and writes the notes to
// release-notes.md for the upload. `--versions-only` stops after the first, dependency-free check.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { changelogSection, releaseVersionProblems } from "./release-rules.mjs";

const NOTES_FILE = "release-notes.md";

const args = process.argv.slice(2);
const versionsOnly = args.includes("--versions-only");
const [tagArgument] = args.filter((arg) => arg !== "--versions-only");

/** @param {string} file @returns {Record<string, unknown>} */
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** @param {string} message @returns {never} */
function refuse(message) {
  console.error(`release:check: ${message}`);
  process.exit(1);
}

const packageVersion = readJson("package.json").version;
const pluginVersion = readJson("plugin.json").version;
const tag = tagArgument || process.env.RELEASE_TAG || `v${packageVersion}`;

const problems = releaseVersionProblems({ tag, packageVersion, pluginVersion });
const notes = changelogSection(readFileSync("CHANGELOG.md", "utf8"), String(packageVersion));
if (notes === undefined) {
  problems.push(`CHANGELOG.md has no notes under "## [${packageVersion}]".`);
}
if (problems.length > 0) refuse(`refusing ${JSON.stringify(tag)}:\n  ${problems.join("\n  ")}`);
console.log(`release:check: ${tag} matches package.json, plugin.json and CHANGELOG.md.`);
if (versionsOnly) process.exit(0);

/** @param {string[]} npmArgs */
function npm(...npmArgs) {
  console.log(`\nrelease:check: npm ${npmArgs.join(" ")}`);
  try {
    execFileSync("npm", npmArgs, { stdio: "inherit" });
  } catch {
    refuse(`npm ${npmArgs.join(" ")} failed.`);
  }
}
npm("test");
// The tests build too; building again makes sure package.zip is this commit's, whatever they left.
npm("run", "build");

const { unzipSync } = await import("fflate");
const files = unzipSync(readFileSync("package.zip"));
console.log("\npackage.zip:");
for (const [name, bytes] of Object.entries(files)) {
  console.log(`  ${String(bytes.length).padStart(9)}  ${name}`);
}
const zippedPlugin = files["plugin.json"];
const zippedVersion = zippedPlugin && JSON.parse(new TextDecoder().decode(zippedPlugin)).version;
if (zippedVersion !== packageVersion) {
  refuse(`package.zip's plugin.json says ${JSON.stringify(zippedVersion)}, not ${packageVersion}.`);
}
writeFileSync(NOTES_FILE, `${notes}\n`);
console.log(`\nrelease:check: ${tag} is ready; its notes are in ${NOTES_FILE}.`);
