/**
 * Names as the kernel lists them, before the plugin sends one back in `setCloudSyncDir` or
 * `removeCloudSyncDir`. Since SiYuan 3.6.4 the API trims `name` with Go's `strings.TrimSpace`
 * (`kernel/util/net.go`, `BindJsonArg`); earlier kernels take it as sent (`kernel/api/sync.go`).
 * A listed name is safe to send only when both generations act on exactly that name.
 */
import { isGoSpace, rawNameProblem, type NameProblem } from "./dir-name";

/** Why a listed name cannot be sent back exactly, beyond the directory-name rule itself. */
export type ListedNameProblem =
  | NameProblem
  /** Kernels ≥ 3.6.4 would trim this White_Space code point and act on another name. */
  | { kind: "edgeSpace"; at: "start" | "end"; codePoint: number }
  /**
   * U+FFFD or an unpaired surrogate: Go's JSON encoding turns bytes that are not UTF-8 into
   * U+FFFD, so the listed text may not be the folder's real name, and a lone surrogate reaches
   * the kernel as U+FFFD.
   */
  | { kind: "unreadable"; codePoint: number }
  /** Two rows list the same text: which folder the kernel acts on cannot be told. */
  | { kind: "duplicate" };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const REPLACEMENT = 0xfffd;

/**
 * Whether both kernel generations act on exactly `name`, and if not, why not. Duplicates are a
 * property of the whole list; see {@link duplicateNames}.
 */
export function listedNameProblem(name: string): ListedNameProblem | null {
  const first = name.codePointAt(0);
  const last = name.codePointAt(name.length - 1);
  if (first !== undefined && isGoSpace(first)) {
    return { kind: "edgeSpace", at: "start", codePoint: first };
  }
  if (last !== undefined && isGoSpace(last))
    return { kind: "edgeSpace", at: "end", codePoint: last };
  const lone = LONE_SURROGATE.exec(name);
  if (lone) return { kind: "unreadable", codePoint: lone[0].charCodeAt(0) };
  if (name.includes("\uFFFD")) return { kind: "unreadable", codePoint: REPLACEMENT };
  return rawNameProblem(name);
}

/** The names that occur more than once in a listing. */
export function duplicateNames(names: readonly string[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return repeated;
}

/** `U+2000`, `U+1F600`: how code points are named to the user. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Separators, controls, format characters, surrogates, private use and unassigned code points. */
const UNUSUAL = /[\p{Z}\p{C}\\]/u;
const COMBINING = /\p{M}/u;

/** `\u2000`, `\u{E0001}`: an escape a person can read and type. */
function escapeCodePoint(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
}

/**
 * The name with every code point that does not show as itself escaped: spaces, controls, format
 * and bidi characters, and, when the name is not in NFC, combining marks (so `e\u0301` does not
 * pass for `é`). A backslash is escaped too; names cannot contain one, so the escaped form stands
 * for exactly one name and can be typed to confirm.
 */
export function escapeName(name: string): string {
  const escapeMarks = !isNfc(name);
  let escaped = "";
  for (const character of name) {
    const codePoint = character.codePointAt(0) ?? 0;
    const unusual = UNUSUAL.test(character) || (escapeMarks && COMBINING.test(character));
    escaped += unusual ? escapeCodePoint(codePoint) : character;
  }
  return escaped;
}

function isNfc(name: string): boolean {
  // A lone surrogate cannot be normalised meaningfully; it is refused elsewhere.
  return LONE_SURROGATE.test(name) || name.normalize("NFC") === name;
}

/**
 * Scripts whose letters can pass for one another's; enough to catch a Cyrillic `а` in a Latin
 * word. A letter of a script not listed here counts as its own, unnamed script.
 */
const SCRIPTS = [
  "Latin",
  "Cyrillic",
  "Greek",
  "Armenian",
  "Georgian",
  "Cherokee",
  "Coptic",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Khmer",
  "Mongolian",
  "Ethiopic",
  "Han",
  "Hiragana",
  "Katakana",
  "Bopomofo",
  "Hangul",
  "Lisu",
  "Tifinagh",
  "Canadian_Aboriginal",
  "Runic",
  "Ogham",
  "Vai",
  "Yi",
] as const;
/**
 * One pattern per script, built on first use: a panel opening evaluates this module, and building
 * thirty Unicode property patterns then costs more than a millisecond that only a listed name
 * mixing letters needs.
 */
let scriptPatterns: readonly (readonly [string, RegExp])[] | undefined;
/** Letters of a script of their own; Common and Inherited ones (`ー`, U+30FC) go with any. */
const LETTER = /(?![\p{Script=Common}\p{Script=Inherited}])\p{L}/u;
const OTHER_SCRIPT = "other";

/** UTS #39 "highly restrictive": Han may be written together with these scripts. */
const USUAL_MIXES: readonly ReadonlySet<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];

function scriptOf(letter: string): string {
  scriptPatterns ??= SCRIPTS.map((script) => [script, new RegExp(`\\p{Script=${script}}`, "u")]);
  return scriptPatterns.find(([, pattern]) => pattern.test(letter))?.[0] ?? OTHER_SCRIPT;
}

/** The scripts of the first word that mixes scripts in an unusual way, or `null`. */
function mixedScripts(name: string): readonly string[] | null {
  // Words are runs of letters, marks and digits; `-`, `_` and other symbols separate them.
  for (const word of name.split(/[^\p{L}\p{M}\p{N}]+/u)) {
    const scripts = new Set<string>();
    for (const character of word) if (LETTER.test(character)) scripts.add(scriptOf(character));
    if (scripts.size < 2) continue;
    if (USUAL_MIXES.some((mix) => [...scripts].every((script) => mix.has(script)))) continue;
    return [...scripts];
  }
  return null;
}

const FORMAT = /\p{Cf}/u;

/** Why a name could pass for another one, with the code points that make the difference. */
export interface LookAlike {
  /** Not in Unicode NFC: the same text can be written with other code points. */
  readonly notNfc: boolean;
  /** Format or bidi controls (U+200B, U+202E, …), which show as nothing or reorder the text. */
  readonly formatCodePoints: readonly number[];
  /** Scripts mixed within one word, e.g. Latin and Cyrillic. */
  readonly scripts: readonly string[] | null;
  /** Every code point outside printable ASCII, once each, in order of appearance. */
  readonly codePoints: readonly number[];
}

/** Printable ASCII only: always NFC, no format control, no script but Latin. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A warning for names that could look like another name, or `null` for an ordinary one. */
export function lookAlike(name: string): LookAlike | null {
  // Most listed names, answered without the per-character checks below (a list has thousands).
  if (PRINTABLE_ASCII.test(name)) return null;
  const codePoints = new Set<number>();
  const formatCodePoints = new Set<number>();
  for (const character of name) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint < 0x20 || codePoint > 0x7e) codePoints.add(codePoint);
    if (FORMAT.test(character)) formatCodePoints.add(codePoint);
  }
  const notNfc = !isNfc(name);
  const scripts = mixedScripts(name);
  if (!notNfc && formatCodePoints.size === 0 && scripts === null) return null;
  return {
    notNfc,
    formatCodePoints: [...formatCodePoints],
    scripts,
    codePoints: [...codePoints],
  };
}
