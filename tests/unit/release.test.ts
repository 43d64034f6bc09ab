/** The release rules (scripts/release-rules.mjs) and the scripts that apply them. */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  changelogSection,
  releaseUnreleased,
  releaseVersionProblems,
  withPluginVersion,
} from "../../scripts/release-rules.mjs";

const root = resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(resolve(root, file), "utf8");
const packageVersion = (JSON.parse(read("package.json")) as { version: string }).version;

describe("releaseVersionProblems", () => {
  const facts = { tag: "v1.2.3", packageVersion: "1.2.3", pluginVersion: "1.2.3" };

  it("accepts v<version> when both manifests carry it", () => {
    expect(releaseVersionProblems(facts)).toEqual([]);
  });

  it.each([
    "v1.2.4",
    "1.2.3",
    "V1.2.3",
    "v1.2.3 ",
    "v1.2.3\n",
    "v1.2",
    "v01.2.3",
    "refs/tags/v1.2.3",
  ])("refuses the tag %j", (tag) => {
    const problems = releaseVersionProblems({ ...facts, tag });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(JSON.stringify(tag));
  });

  it("refuses when plugin.json differs from package.json, even if the tag matches one of them", () => {
    const problems = releaseVersionProblems({ ...facts, pluginVersion: "1.2.2" });
    expect(problems).toEqual([expect.stringContaining(`plugin.json's version "1.2.2"`)]);
  });

  it("refuses a version that is not semver", () => {
    const problems = releaseVersionProblems({
      tag: "v1.2",
      packageVersion: "1.2",
      pluginVersion: "1.2",
    });
    expect(problems).toEqual([expect.stringContaining("not semver")]);
  });
});

const CHANGELOG = `# Changelog

## [Unreleased]

### Fixed

- Something after 1.1.0.

## [1.1.0] - 2026-03-01

### Added

- Two.

## [1.0.0] - 2026-01-01

- One.

[1.1.0]: https://example.invalid/compare/v1.0.0...v1.1.0
`;

describe("changelogSection", () => {
  it("is the body of the version's section, up to the next section", () => {
    expect(changelogSection(CHANGELOG, "1.1.0")).toBe("### Added\n\n- Two.");
  });

  it("stops the last section before the link references", () => {
    expect(changelogSection(CHANGELOG, "1.0.0")).toBe("- One.");
  });

  it.each(["1.0", "0.0.0", "11.1.0", "1.1.0-beta.1"])(
    "finds no section for %s, only exact names",
    (version) => {
      expect(changelogSection(CHANGELOG, version)).toBeUndefined();
    },
  );

  it("has no notes for an empty section", () => {
    expect(changelogSection("## [Unreleased]\n\n## [1.0.0]\n\n- One.\n", "Unreleased")).toBe(
      undefined,
    );
  });

  it("reads CRLF files", () => {
    expect(changelogSection(CHANGELOG.replaceAll("\n", "\r\n"), "1.1.0")).toBe(
      "### Added\n\n- Two.",
    );
  });

  it("finds this repository's notes for package.json's version", () => {
    const notes = changelogSection(read("CHANGELOG.md"), packageVersion);
    expect(notes).toMatch(/^### Added$/m);
  });

  it("finds this repository's Unreleased section", () => {
    expect(read("CHANGELOG.md")).toMatch(/^## \[Unreleased\]$/m);
  });
});

describe("releaseUnreleased", () => {
  it("moves the Unreleased notes into the new version, leaving Unreleased empty", () => {
    const released = releaseUnreleased(CHANGELOG, "1.1.1", "2026-04-01");
    expect(released).toContain("## [Unreleased]\n\n## [1.1.1] - 2026-04-01\n\n### Fixed\n");
    expect(changelogSection(released, "1.1.1")).toBe("### Fixed\n\n- Something after 1.1.0.");
    expect(changelogSection(released, "Unreleased")).toBeUndefined();
    expect(changelogSection(released, "1.1.0")).toBe(changelogSection(CHANGELOG, "1.1.0"));
  });

  it("keeps a changelog that already has the version's section", () => {
    expect(releaseUnreleased(CHANGELOG, "1.1.0", "2026-04-01")).toBe(CHANGELOG);
  });

  it("refuses to release nothing", () => {
    const empty = CHANGELOG.replace("### Fixed\n\n- Something after 1.1.0.\n", "");
    expect(() => releaseUnreleased(empty, "1.1.1", "2026-04-01")).toThrow(/nothing under/);
  });

  it("refuses a changelog without an Unreleased section", () => {
    expect(() => releaseUnreleased("# Changelog\n", "1.1.1", "2026-04-01")).toThrow(
      /neither a \[1\.1\.1\] nor an \[Unreleased\]/,
    );
  });
});

describe("withPluginVersion", () => {
  it("changes only the version line of this repository's plugin.json", () => {
    const original = read("plugin.json");
    const updated = withPluginVersion(original, "9.8.7");
    expect(JSON.parse(updated)).toEqual({ ...JSON.parse(original), version: "9.8.7" });
    const changed = updated
      .split("\n")
      .filter((line, index) => line !== original.split("\n")[index]);
    expect(changed).toEqual(['  "version": "9.8.7",']);
  });

  it("refuses a plugin.json without a top-level version", () => {
    expect(() => withPluginVersion('{\n  "name": "x"\n}\n', "1.0.0")).toThrow(/top-level version/);
  });

  it("refuses when the first version key is a nested one", () => {
    const nested = '{\n  "extra": {\n    "version": "0.0.1"\n  },\n  "version": "1.0.0"\n}\n';
    expect(() => withPluginVersion(nested, "2.0.0")).toThrow(/top-level version/);
  });
});

describe("npm run release:check -- --versions-only", () => {
  const check = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["scripts/release-check.mjs", "--versions-only", ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, RELEASE_TAG: "", ...env },
    });

  it("accepts v<package.json version>, given or by default", () => {
    expect(check([`v${packageVersion}`]).status).toBe(0);
    const byDefault = check([]);
    expect(byDefault.status).toBe(0);
    expect(byDefault.stdout).toContain(`v${packageVersion} matches`);
  });

  it("refuses a tag that differs, naming it", () => {
    const result = check(["v999.0.0"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refusing "v999.0.0"');
  });

  it("takes the tag from RELEASE_TAG", () => {
    const result = check([], { RELEASE_TAG: `${packageVersion}` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`refusing "${packageVersion}"`);
  });
});

describe("npm version in a scratch repository", () => {
  let scratch = "";
  afterEach(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: scratch, encoding: "utf8" }).trim();

  /** A repository with this project's manifests, changelog and version scripts, at 0.1.0. */
  function makeScratch(changelog: string) {
    scratch = mkdtempSync(join(tmpdir(), "release-version-"));
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    writeFileSync(
      join(scratch, "package.json"),
      JSON.stringify({
        name: "scratch",
        version: "0.1.0",
        scripts: { version: pkg.scripts.version },
      }),
    );
    writeFileSync(join(scratch, "plugin.json"), withPluginVersion(read("plugin.json"), "0.1.0"));
    writeFileSync(join(scratch, "CHANGELOG.md"), changelog);
    mkdirSync(join(scratch, "scripts"));
    for (const file of ["release-version.mjs", "release-rules.mjs"]) {
      cpSync(resolve(root, "scripts", file), join(scratch, "scripts", file));
    }
    git("init", "-q");
    git("config", "user.email", "test@example.invalid");
    git("config", "user.name", "test");
    git("config", "commit.gpgsign", "false");
    git("add", ".");
    git("commit", "-q", "-m", "0.1.0");
  }

  const npmVersion = (bump: string) =>
    spawnSync("npm", ["version", bump, "--no-fund", "--no-audit"], {
      cwd: scratch,
      encoding: "utf8",
      // Without the npm_* variables of an outer `npm test`, which point at this repository.
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([key]) => !/^(npm_|init_cwd$)/i.test(key)),
        ),
        npm_config_sign_git_tag: "false",
      },
    });

  it("commits and tags package.json, plugin.json and the changelog at the new version", () => {
    makeScratch(
      "# Changelog\n\n## [Unreleased]\n\n- A fix.\n\n## [0.1.0] - 2026-01-01\n\n- One.\n",
    );
    const result = npmVersion("minor");
    expect(result.status, result.stderr).toBe(0);
    expect(git("tag", "--points-at", "HEAD")).toBe("v0.2.0");
    expect(git("status", "--porcelain")).toBe("");
    const committed = (file: string) => git("show", `v0.2.0:${file}`);
    expect(JSON.parse(committed("package.json")).version).toBe("0.2.0");
    expect(JSON.parse(committed("plugin.json")).version).toBe("0.2.0");
    expect(changelogSection(committed("CHANGELOG.md"), "0.2.0")).toBe("- A fix.");
  });

  it("makes no commit or tag when the changelog has nothing to release", () => {
    makeScratch("# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-01-01\n\n- One.\n");
    const result = npmVersion("patch");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("nothing under [Unreleased]");
    expect(git("tag")).toBe("");
    expect(git("log", "--format=%s")).toBe("0.1.0");
    expect(JSON.parse(readFileSync(join(scratch, "plugin.json"), "utf8")).version).toBe("0.1.0");
  });
});
