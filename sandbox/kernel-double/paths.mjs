// @ts-check
import path from "node:path";

/**
 * Whether `target` lies strictly below `parent` (the parent itself does not count).
 * @param {string} parent
 * @param {string} target
 */
export function isStrictlyInside(parent, target) {
  const relative = path.relative(parent, target);
  return (
    relative !== "" &&
    relative !== ".." &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}
