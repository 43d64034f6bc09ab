// @ts-check
/** Summaries of repeated measurements. */

/**
 * @typedef {object} Summary
 * @property {number} median
 * @property {number} min
 * @property {number} max
 * @property {number} n number of runs
 */

/**
 * Median, min and max of the runs (the median of an even count is the mean of the middle two).
 * @param {number[]} values
 * @returns {Summary}
 */
export function summarize(values) {
  if (values.length === 0) throw new Error("no values to summarize");
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ index) => sorted[index] ?? NaN;
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
  return {
    median,
    min: at(0),
    max: at(sorted.length - 1),
    n: values.length,
  };
}

/**
 * `a / b` of two medians, or null when it means nothing (a missing or zero denominator).
 * @param {Summary | undefined} a @param {Summary | undefined} b
 */
export function ratio(a, b) {
  return a && b && b.median > 0 ? a.median / b.median : null;
}
