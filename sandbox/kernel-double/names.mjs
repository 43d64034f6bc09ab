// @ts-check
/**
 * Cloud-sync-directory name rules, written from docs/siyuan-sync-api.md §3, §5.
 */

/**
 * Go's unicode.IsSpace set (Unicode White_Space). Unlike String.prototype.trim it excludes U+FEFF.
 * Every member is in the BMP, one UTF-16 unit.
 */
const GO_SPACE = new Set(
  "\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000",
);

/**
 * Go's strings.TrimSpace (the API layer trims `name` with it, `kernel/util/net.go`). A scan from each end: a
 * regular expression such as `\s+$` is quadratic on a long run of spaces that a letter follows.
 * @param {string} text
 */
export function trimSpace(text) {
  let start = 0;
  let end = text.length;
  while (start < end && GO_SPACE.has(text.charAt(start))) start++;
  while (end > start && GO_SPACE.has(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

const ZERO_WIDTH = /\u200B|\uFEFF|\u200D|\u200C/gu;
/**
 * Runes RemoveCtl drops: everything but Go's unicode.IsPrint (letters, marks, numbers, punctuation,
 * symbols, ASCII space) and U+3000. Private-use runes (category Co) are not printable, so this also
 * covers RemovePUA's ranges U+E000–F8FF, U+F0000–FFFFD and U+100000–10FFFD.
 */
const NOT_PRINTABLE = /[^\p{L}\p{M}\p{N}\p{P}\p{S} \u3000]/gu;

/**
 * util.RemoveInvalid (§5): RemoveInvisible (NBSP becomes an ASCII space, zero-width runes go,
 * then RemoveCtl) followed by RemovePUA.
 * @param {string} name
 */
export function removeInvalid(name) {
  return name.replaceAll("\u00A0", " ").replace(ZERO_WIDTH, "").replace(NOT_PRINTABLE, "");
}

const FORBIDDEN_CHARACTERS = new Set("~`!@#$%^&*()+=[]{}\\|;:'\"<,>.?/ ");
const MAX_NAME_BYTES = 63;

/**
 * dejavu cloud.IsValidCloudDirName (§5): 1–63 UTF-8 bytes, no forbidden character, no control rune.
 * @param {string} name
 */
export function isValidCloudDirName(name) {
  const byteLength = Buffer.byteLength(name, "utf8");
  if (byteLength < 1 || byteLength > MAX_NAME_BYTES) return false;
  for (const character of name) {
    const codePoint = /** @type {number} */ (character.codePointAt(0));
    if (FORBIDDEN_CHARACTERS.has(character) || codePoint < 32 || codePoint === 127) return false;
  }
  return true;
}
