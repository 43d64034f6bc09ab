// @ts-check
/** The table printed by `npm run bench`, bench/results.json and the README's Performance table. */
import fs from "node:fs";
import prettier from "prettier";
import { ratio } from "./stats.mjs";

/**
 * @typedef {import("./stats.mjs").Summary} Summary
 * @typedef {object} Figure
 * @property {string} id
 * @property {string} label
 * @property {"B" | "ms" | "count" | "nodes"} unit
 * @property {Summary | undefined} plugin
 * @property {Summary | undefined} [hello]
 * @property {Summary | undefined} [svelteMinimal]
 * @property {{max: number, text: string, on: "median" | "max"} | undefined} budget
 *   `on: "max"` for counts: every run must be within it; `"median"` for timings and sizes
 * @property {boolean} [ratios] show the ratios to the baselines (sizes and timings)
 * @property {string} [note]
 */

/** @param {Figure} figure */
export function passes(figure) {
  if (!figure.budget || !figure.plugin) return null;
  return figure.plugin[figure.budget.on] <= figure.budget.max;
}

/** @param {number} value @param {Figure["unit"]} unit */
function formatValue(value, unit) {
  if (unit === "B") return `${(value / 1000).toFixed(2)} KB`;
  if (unit === "ms") return `${value.toFixed(2)} ms`;
  return `${Math.round(value * 10) / 10}`;
}

/** @param {number | null} value */
const formatRatio = (value) => (value === null ? "–" : `${value.toFixed(2)}×`);

/**
 * One row of cells per figure.
 * @param {Figure[]} figures
 */
export function tableRows(figures) {
  return figures.map((figure) => {
    const show = (/** @type {Summary | undefined} */ summary, /** @type {keyof Summary} */ key) =>
      summary ? formatValue(summary[key], figure.unit) : "–";
    const result = passes(figure);
    return [
      figure.label,
      show(figure.plugin, "median"),
      show(figure.plugin, "min"),
      show(figure.plugin, "max"),
      show(figure.hello, "median"),
      show(figure.svelteMinimal, "median"),
      figure.budget?.text ?? "info",
      figure.ratios ? formatRatio(ratio(figure.plugin, figure.hello)) : "–",
      figure.ratios ? formatRatio(ratio(figure.plugin, figure.svelteMinimal)) : "–",
      result === null ? "" : result ? "PASS" : "FAIL",
    ];
  });
}

export const HEADER = [
  "Figure",
  "Median",
  "Min",
  "Max",
  "hello",
  "svelte-min",
  "Budget",
  "×hello",
  "×svelte-min",
  "Result",
];

/** @param {string[][]} rows */
export function textTable(rows) {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, column) =>
    Math.max(...all.map((row) => (row[column] ?? "").length)),
  );
  const line = (/** @type {string[]} */ row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  return [
    line(HEADER),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...rows.map(line),
  ].join("\n");
}

/** @param {string[][]} rows */
export function markdownTable(rows) {
  // Markdown drops leading spaces, so the indented detail rows get a visible mark instead.
  const escape = (/** @type {string} */ cell) => cell.replace(/^ {2}/, "└ ").replaceAll("|", "\\|");
  return [
    `| ${HEADER.join(" | ")} |`,
    `| ${HEADER.map((_, column) => (column === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(escape).join(" | ")} |`),
  ].join("\n");
}

/** Markers around the generated part of README.md's Performance section. */
export const README_START = "<!-- bench:results:start -->";
export const README_END = "<!-- bench:results:end -->";

/**
 * Replaces what is between the markers with `markdown`, formatted by the repository's Prettier
 * settings so that `npm run format:check` stays clean; returns false (and changes nothing)
 * without the markers.
 * @param {string} readmePath
 * @param {string} markdown
 */
export async function updateReadme(readmePath, markdown) {
  const text = fs.readFileSync(readmePath, "utf8");
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return false;
  const config = (await prettier.resolveConfig(readmePath)) ?? {};
  const formatted = await prettier.format(markdown, { ...config, parser: "markdown" });
  const next = `${text.slice(0, start + README_START.length)}\n\n${formatted}\n${text.slice(end)}`;
  fs.writeFileSync(readmePath, next);
  return true;
}
