// @ts-check
// The release rules that `npm version`, `npm run release:check` and the release workflow share:
// package.json holds the version, plugin.json repeats it (the bazaar reads only plugin.json and
// refuses a release whose tag differs), tags are `v<version>`, and the notes are the version's
// section of CHANGELOG.md (Keep a Changelog).

/** Semantic Versioning 2.0.0, without the `v` the bazaar refuses in plugin.json. */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export const UNRELEASED = "Unreleased";

/**
 * Why a tag cannot be released with these manifests; empty when it can.
 * @param {{ tag: string, packageVersion: unknown, pluginVersion: unknown }} facts
 * @returns {string[]}
 */
export function releaseVersionProblems({ tag, packageVersion, pluginVersion }) {
  const problems = [];
  if (typeof packageVersion !== "string" || !SEMVER.test(packageVersion)) {
    problems.push(`package.json's version ${JSON.stringify(packageVersion)} is not semver.`);
  }
  if (pluginVersion !== packageVersion) {
    problems.push(
      `plugin.json's version ${JSON.stringify(pluginVersion)} differs from package.json's ` +
        `${JSON.stringify(packageVersion)}; \`npm version\` keeps them equal.`,
    );
  }
  if (tag !== `v${packageVersion}`) {
    problems.push(
      `The tag ${JSON.stringify(tag)} is not v${packageVersion}, the version in package.json ` +
        "and plugin.json.",
    );
  }
  return problems;
}

/** `## [1.2.3] - 2026-12-02` or `## [Unreleased]`; the name in group 1. */
const SECTION_HEADING = /^## \[([^\]]+)\](?: - .*)?$/;
/** Keep a Changelog's link references (`[1.2.3]: https://…`) close the last section. */
const LINK_REFERENCE = /^\[[^\]]+\]:\s/;

/**
 * Where one `## [name]` section's body starts and ends, in lines.
 * @param {string[]} lines @param {string} name
 */
function findSection(lines, name) {
  const heading = lines.findIndex((line) => SECTION_HEADING.exec(line)?.[1] === name);
  if (heading === -1) return undefined;
  let end = heading + 1;
  while (
    end < lines.length &&
    !/^## /.test(lines[end] ?? "") &&
    !LINK_REFERENCE.test(lines[end] ?? "")
  )
    end++;
  return { heading, start: heading + 1, end };
}

/**
 * The body of a version's section, trimmed; `undefined` when there is no such section or it is
 * empty (a release needs notes).
 * @param {string} changelog @param {string} version
 * @returns {string | undefined}
 */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const section = findSection(lines, version);
  if (!section) return undefined;
  const body = lines.slice(section.start, section.end).join("\n").trim();
  return body === "" ? undefined : body;
}

/**
 * Moves what is under `## [Unreleased]` into a new `## [version] - date` section below it, leaving
 * Unreleased empty. A changelog that already has the version's section is returned unchanged (it
 * was written by hand).
 * @param {string} changelog @param {string} version @param {string} date `YYYY-MM-DD`
 * @returns {string}
 */
export function releaseUnreleased(changelog, version, date) {
  if (changelogSection(changelog, version) !== undefined) return changelog;
  const lines = changelog.split(/\r?\n/);
  const unreleased = findSection(lines, UNRELEASED);
  if (!unreleased) {
    throw new Error(`CHANGELOG.md has neither a [${version}] nor an [${UNRELEASED}] section.`);
  }
  const body = lines.slice(unreleased.start, unreleased.end).join("\n").trim();
  if (body === "") {
    throw new Error(
      `CHANGELOG.md has nothing under [${UNRELEASED}] to release as ${version}: ` +
        "describe the changes there first.",
    );
  }
  return [
    ...lines.slice(0, unreleased.start),
    "",
    `## [${version}] - ${date}`,
    "",
    body,
    "",
    ...lines.slice(unreleased.end),
  ].join("\n");
}

/**
 * plugin.json's text with its version replaced and nothing else touched, so the file keeps its
 * Prettier layout. Refuses when the result would differ in anything but the version.
 * @param {string} pluginJson @param {string} version
 * @returns {string}
 */
export function withPluginVersion(pluginJson, version) {
  const expected = { ...JSON.parse(pluginJson), version };
  const updated = pluginJson.replace(
    /^(\s*"version"\s*:\s*)"[^"\\]*"/m,
    (_match, key) => `${key}${JSON.stringify(version)}`,
  );
  if (JSON.stringify(JSON.parse(updated)) !== JSON.stringify(expected)) {
    throw new Error("plugin.json: could not find its top-level version to replace.");
  }
  return updated;
}
