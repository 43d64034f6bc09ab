// @ts-check
import fs from "node:fs/promises";
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

/**
 * The path of `name` directly inside the real path of `dir`, or null when `name` is not one
 * plain path component ("a/b", "..", "/x"); rejects when `dir` cannot be resolved. When `name`
 * itself is a symlink the result is the link, so removing it unlinks the link and never touches
 * what it points to.
 * @param {string} dir
 * @param {string} name
 */
export async function realDirectChild(dir, name) {
  if (name === "" || path.basename(path.join(dir, name)) !== name) return null;
  return path.join(await fs.realpath(dir), name);
}

/**
 * `target` with its parent folders resolved through symlinks, or null when that real parent is
 * not `root` or below it (a symlinked folder must not lead a removal out of `root`). As above,
 * a symlink as the last component stays the link.
 * @param {string} root
 * @param {string} target a path strictly inside `root` by text
 */
export async function realPathInside(root, target) {
  const [realRoot, realParent] = await Promise.all(
    [root, path.dirname(target)].map((folder) => fs.realpath(folder).catch(() => null)),
  );
  if (!realRoot || !realParent) return null;
  const inside = realParent === realRoot || isStrictlyInside(realRoot, realParent);
  return inside ? path.join(realParent, path.basename(target)) : null;
}
