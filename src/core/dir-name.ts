/**
 * Cloud sync directory names, checked exactly as the kernel checks them (docs/siyuan-sync-api.md
 * §3–§5): the API trims with Go's `strings.TrimSpace`, the model strips what `util.RemoveInvalid`
 * strips, then dejavu's `IsValidCloudDirName` wants 1–63 UTF-8 bytes without the forbidden
 * characters.
 */

export const MAX_NAME_BYTES = 63;

/**
 * `cloud.IsValidCloudDirName`'s forbidden set, the ASCII space included (docs/siyuan-sync-api.md
 * §5).
 */
export const FORBIDDEN_CHARACTERS = "~`!@#$%^&*()+=[]{}\\|;:'\"<,>.?/ ";
/** A run of forbidden or control characters, for turning an invalid name into a suggestion. */
const FORBIDDEN_RUN = new RegExp(
  `[${FORBIDDEN_CHARACTERS.replace(/[\\\]^-]/g, "\\$&")}\\u0000-\\u001F\\u007F]+`,
  "gu",
);

/** Go's `unicode.IsSpace` (Unicode White_Space), which `strings.TrimSpace` uses. Not U+FEFF. */
const GO_SPACE =
  "\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const LEADING_SPACE = new RegExp(`^[${GO_SPACE}]+`, "u");
const TRAILING_SPACE = new RegExp(`[${GO_SPACE}]+$`, "u");

/** `gulu.Str.RemoveInvisible` drops these outright (docs/siyuan-sync-api.md §5). */
const INVISIBLE = /\u200B|\uFEFF|\u200D|\u200C/gu;
/** `RemoveCtl` keeps `unicode.IsPrint` runes (letters, marks, numbers, punctuation, symbols, ASCII space) and U+3000. */
const NOT_PRINTABLE = /[^\p{L}\p{M}\p{N}\p{P}\p{S} \u3000]/gu;
/** A lone surrogate reaches the kernel as U+FFFD after Go's JSON decoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const utf8 = new TextEncoder();

export function utf8ByteLength(text: string): number {
  return utf8.encode(text).length;
}

export function goTrimSpace(text: string): string {
  return text.replace(LEADING_SPACE, "").replace(TRAILING_SPACE, "");
}

/** `util.RemoveInvalid`: NBSP becomes an ASCII space, invisible, control and private-use runes go. */
export function removeInvalid(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\uFFFD")
    .replaceAll("\u00A0", " ")
    .replace(INVISIBLE, "")
    .replace(NOT_PRINTABLE, "");
}

/**
 * What the kernel does to a name before validating it. Applied until nothing changes, so that the
 * name we send is the name the kernel keeps: sending it again through the kernel is a no-op.
 */
export function normaliseName(input: string): string {
  let current = input;
  for (;;) {
    const next = removeInvalid(goTrimSpace(current));
    if (next === current) return current;
    current = next;
  }
}

export type NameProblem =
  | { kind: "empty" }
  | { kind: "tooLong"; bytes: number }
  | { kind: "path"; separator: "/" | "\\" }
  | { kind: "forbidden"; character: string }
  /** `fromNbsp`: the kernel turned a no-break space into an ASCII space. */
  | { kind: "space"; fromNbsp: boolean }
  /** Only reachable for names that did not come through {@link normaliseName}, e.g. listed folders. */
  | { kind: "control"; codePoint: number };

export interface NameCheck {
  /** The text as typed. */
  readonly input: string;
  /** The name the kernel would create, after trimming and stripping. */
  readonly name: string;
  /** UTF-8 bytes of `name`; the limit is {@link MAX_NAME_BYTES}. */
  readonly bytes: number;
  /** Characters the kernel silently strips (invisible, control, private use), one entry each. */
  readonly stripped: readonly string[];
  readonly problem: NameProblem | null;
  /** A valid name close to the input, offered when the input is invalid. */
  readonly suggestion: string | null;
}

function firstProblem(name: string, bytes: number, fromNbsp = false): NameProblem | null {
  if (bytes === 0) return { kind: "empty" };
  for (const character of name) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (character === "/" || character === "\\") return { kind: "path", separator: character };
    if (character === " ") return { kind: "space", fromNbsp };
    if (FORBIDDEN_CHARACTERS.includes(character)) return { kind: "forbidden", character };
    if (codePoint < 32 || codePoint === 127) return { kind: "control", codePoint };
  }
  if (bytes > MAX_NAME_BYTES) return { kind: "tooLong", bytes };
  return null;
}

/** `dejavu`'s `IsValidCloudDirName` on a name as it is, without the API's trimming and stripping. */
export function rawNameProblem(name: string): NameProblem | null {
  return firstProblem(name, utf8ByteLength(name));
}

export function isValidCloudDirName(name: string): boolean {
  return rawNameProblem(name) === null;
}

function truncateToBytes(text: string, limit: number): string {
  let result = "";
  for (const character of text) {
    if (utf8ByteLength(result + character) > limit) break;
    result += character;
  }
  return result;
}

/** Turns runs of forbidden characters into single hyphens: `archive/2024` → `archive-2024`. */
export function suggestName(input: string): string | null {
  const hyphenated = normaliseName(input)
    .replace(FORBIDDEN_RUN, "-")
    .replace(/^-+|-+$/g, "");
  const suggestion = truncateToBytes(hyphenated, MAX_NAME_BYTES).replace(/-+$/, "");
  return suggestion !== "" && isValidCloudDirName(suggestion) ? suggestion : null;
}

export function checkName(input: string): NameCheck {
  const name = normaliseName(input);
  const bytes = utf8ByteLength(name);
  // The verdict is the kernel's on what was typed (one trim, one strip). Only where a second pass
  // would change the result (invisible characters next to edge spaces) can what we send differ,
  // so that must be valid too.
  const kernelPass = removeInvalid(goTrimSpace(input));
  const problem =
    firstProblem(kernelPass, utf8ByteLength(kernelPass), goTrimSpace(input).includes("\u00A0")) ??
    firstProblem(name, bytes);
  return {
    input,
    name,
    bytes,
    stripped: [...input].filter((character) => removeInvalid(character) === ""),
    problem,
    suggestion: problem && problem.kind !== "empty" ? suggestName(input) : null,
  };
}
