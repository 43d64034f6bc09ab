/**
 * Comments cite facts as `docs/<page>.md §N` (docs/README.md): every such section must exist as a
 * heading of that page, a bare `§N` must be a section of a page its file cites, and nothing may cite
 * a file that is not in the repository.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const SKIPPED_DIRS = new Set(["node_modules", "dist", "docs", "test-results", "playwright-report"]);
const TEXT_FILE = /\.(?:ts|mts|js|mjs|cjs|svelte|md|json|html|css|ya?ml)$/;
const THIS_FILE = relative(root, import.meta.filename);

/** Citations of files a maintainer of this repository does not have. */
const OUTSIDE = [
  /\b(?:kernel|platform|fact) sheet\b/i,
  /\bplatform §/,
  /\.\.\/shared\b/,
  /\/work\/shared\b/,
  /siyuan-kernel-sync-api\.md/,
];
/** `docs/<page>.md`, then the sections it cites: `§4`, `§3–§5`, `§4/§7`, `§1.9, §3.2`. */
const CITATION = /docs\/([\w.-]+\.md)((?:(?:[\s*,–/]|\band\b|\/\/)+§\d+(?:\.\d+)*)*)/g;
const SECTION = /§(\d+(?:\.\d+)*)/g;

function repositoryFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return repositoryFiles(path);
    if (!TEXT_FILE.test(entry.name) || entry.name === "package-lock.json") return [];
    return [relative(root, path)];
  });
}

/** Whether `page` (a docs/ page's text) has a heading numbered `section`: `## 4.`, `### 1.7`. */
function hasSection(page: string, section: string): boolean {
  return new RegExp(`^#{2,4} ${section.replaceAll(".", "\\.")}\\.?\\s`, "m").test(page);
}

/**
 * What is wrong with the citations in one file's `text`; `readPage` returns a docs/ page's text,
 * or undefined when there is no such page.
 */
function citationProblems(
  file: string,
  text: string,
  readPage: (name: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  for (const pattern of OUTSIDE)
    if (pattern.test(text))
      problems.push(`${file}: cites a file outside the repository (${pattern})`);
  const cited = new Map<string, string>();
  let rest = text;
  for (const match of text.matchAll(CITATION)) {
    const [whole, name = "", sections = ""] = match;
    rest = rest.replace(whole, "");
    const page = readPage(name);
    if (page === undefined) {
      problems.push(`${file}: docs/${name} does not exist`);
      continue;
    }
    cited.set(name, page);
    for (const [, section = ""] of sections.matchAll(SECTION))
      if (!hasSection(page, section)) problems.push(`${file}: docs/${name} has no §${section}`);
  }
  for (const [, section = ""] of rest.matchAll(SECTION)) {
    if (cited.size === 0) problems.push(`${file}: §${section} without a docs/ page to belong to`);
    else if (![...cited.values()].some((page) => hasSection(page, section)))
      problems.push(`${file}: §${section} is in none of ${[...cited.keys()].join(", ")}`);
  }
  return problems;
}

const readDocsPage = (name: string): string | undefined => {
  const path = join(root, "docs", name);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
};

describe("citationProblems", () => {
  const page = (name: string) =>
    name === "api.md" ? "# API\n\n## 3. Body\n\n## 4. Routes\n\n### 4.1 Create\n" : undefined;

  it("accepts sections that are headings, in lists, ranges and across a comment's line break", () => {
    const text = "// docs/api.md §3–§4, §4.1\n/* (docs/api.md\n * §4) */ and later (§3)";
    expect(citationProblems("a.ts", text, page)).toEqual([]);
  });

  it("reports a missing section, a missing page and a bare § nothing anchors", () => {
    expect(citationProblems("a.ts", "docs/api.md §5; later §4.2", page)).toEqual([
      "a.ts: docs/api.md has no §5",
      "a.ts: §4.2 is in none of api.md",
    ]);
    expect(citationProblems("b.ts", "see docs/none.md §1", page)).toEqual([
      "b.ts: docs/none.md does not exist",
    ]);
    expect(citationProblems("c.ts", "the rule (§4)", page)).toEqual([
      "c.ts: §4 without a docs/ page to belong to",
    ]);
  });

  it("reports citations of files outside the repository", () => {
    for (const text of ["kernel sheet", "see ../shared/reference/x.md", "platform §1.7"])
      expect(citationProblems("d.ts", text, page)).toContainEqual(
        expect.stringMatching(/^d\.ts: cites a file outside the repository/),
      );
  });
});

describe("the repository's citations", () => {
  const files = repositoryFiles().filter((file) => file !== THIS_FILE);

  it("scans the code, the sandbox, the tests and the bench", () => {
    for (const dir of ["src/", "sandbox/", "scripts/", "tests/", "bench/"])
      expect(files.some((file) => file.startsWith(dir))).toBe(true);
  });

  it("cite only sections that exist in docs/, and no file outside the repository", () => {
    const problems = files.flatMap((file) =>
      citationProblems(file, readFileSync(join(root, file), "utf8"), readDocsPage),
    );
    expect(problems).toEqual([]);
  });
});
