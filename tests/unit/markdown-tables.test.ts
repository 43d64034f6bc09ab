/**
 * Every Markdown table in the READMEs and docs/ renders as a table: GFM splits a row on each `|`
 * that no backslash escapes, even inside a code span, so a stray one adds a cell and breaks the row.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const docsDir = join(root, "docs");
const markdownFiles = [
  "README.md",
  "README_zh_CN.md",
  ...readdirSync(docsDir)
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** The cells of one table row, split the way GFM splits it. */
function cells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** Each table as its rows (header, delimiter, body), with the line number of every row. */
function tables(text: string): { line: number; row: string }[][] {
  const found: { line: number; row: string }[][] = [];
  let current: { line: number; row: string }[] = [];
  let fenced = false;
  text.split("\n").forEach((row, index) => {
    if (/^\s*(```|~~~)/.test(row)) fenced = !fenced;
    if (!fenced && row.trim().startsWith("|")) current.push({ line: index + 1, row });
    else {
      if (current.length > 0) found.push(current);
      current = [];
    }
  });
  if (current.length > 0) found.push(current);
  return found.filter((table) => /^\|?\s*:?-+/.test(table[1]?.row.trim() ?? ""));
}

describe("cells: the GFM row split", () => {
  it("splits on an unescaped pipe inside a code span, and not on an escaped one", () => {
    expect(cells("| name | `a | b` |")).toHaveLength(3);
    expect(cells("| name | `a \\| b` |")).toEqual(["name", "`a \\| b`"]);
  });
});

describe.each(markdownFiles)("%s", (file) => {
  const text = readFileSync(join(root, file), "utf8");

  it("has rows with as many cells as their table's header", () => {
    const broken = tables(text).flatMap((table) => {
      const width = cells(table[0]?.row ?? "").length;
      return table
        .filter(({ row }) => cells(row).length !== width)
        .map(
          ({ line, row }) => `${file}:${line}: ${cells(row).length} cells, not ${width}: ${row}`,
        );
    });
    expect(broken).toEqual([]);
  });
});
