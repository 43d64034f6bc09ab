/**
 * Cloud sync directory names, checked exactly as the kernel checks them (docs/siyuan-sync-api.md
 * §3–§5): the API trims with Go's `strings.TrimSpace`, the model strips what `util.RemoveInvalid`
 * strips, then dejavu's `IsValidCloudDirName` wants 1–63 UTF-8 bytes without the forbidden
 * characters.
 */

export const MAX_NAME_BYTES = 63;

/**
 * The most characters a name field takes: far above {@link MAX_NAME_BYTES}, so that a name that is
 * too long is still shown and its byte count explained, while pasting a megabyte is cut short.
 */
export const NAME_INPUT_MAX_LENGTH = 256;

/** `cloud.IsValidCloudDirName`'s forbidden set, the ASCII space included (docs/siyuan-sync-api.md §5). */
export const FORBIDDEN_CHARACTERS = "~`!@#$%^&*()+=[]{}\\|;:'\"<,>.?/ ";
/** A run of forbidden or control characters, for turning an invalid name into a suggestion. */
const FORBIDDEN_RUN = new RegExp(
  `[${FORBIDDEN_CHARACTERS.replace(/[\\\]^-]/g, "\\$&")}\\u0000-\\u001F\\u007F]+`,
  "gu",
);

/** Go's `unicode.IsSpace` (Unicode White_Space), which `strings.TrimSpace` uses. Not U+FEFF. */
export function isGoSpace(codePoint: number): boolean {
  if (codePoint <= 0xff) {
    return (codePoint >= 0x09 && codePoint <= 0x0d) || [0x20, 0x85, 0xa0].includes(codePoint);
  }
  return (
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    [0x2028, 0x2029, 0x202f, 0x205f, 0x3000].includes(codePoint)
  );
}

/** `gulu.Str.RemoveInvisible` drops these outright (docs/siyuan-sync-api.md §5). */
const INVISIBLE = /\u200B|\uFEFF|\u200D|\u200C/gu;
/** `RemoveCtl` keeps `unicode.IsPrint` runes (letters, marks, numbers, punctuation, symbols, ASCII space) and U+3000. */
const NOT_PRINTABLE = /[^\p{L}\p{M}\p{N}\p{P}\p{S} \u3000]/gu;
/** A lone surrogate reaches the kernel as U+FFFD after Go's JSON decoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const utf8 = new TextEncoder();

/** Only UTF-16 units below 0x80: one UTF-8 byte each. */
const ASCII_ONLY = /^[^\u0080-\uffff]*$/;

export function utf8ByteLength(text: string): number {
  // Most names are ASCII: counted without encoding a copy (a list checks thousands).
  if (ASCII_ONLY.test(text)) return text.length;
  return utf8.encode(text).length;
}

/**
 * Drops UTF-16 code units matching `drop` from both ends. A scan from each end, linear in the
 * length: a regular expression such as `\s+$` retries from every unit of a long run that something
 * else follows, which is quadratic.
 */
function trimUnits(text: string, drop: (unit: number) => boolean): string {
  let start = 0;
  let end = text.length;
  while (start < end && drop(text.charCodeAt(start))) start++;
  while (end > start && drop(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Go's `strings.TrimSpace`; every White_Space code point is in the BMP, one UTF-16 unit. */
export function goTrimSpace(text: string): string {
  return trimUnits(text, isGoSpace);
}

const isHyphen = (unit: number) => unit === 0x2d;

/** `util.RemoveInvalid`: NBSP becomes an ASCII space, invisible, control and private-use runes go. */
export function removeInvalid(text: string): string {
  // The empty field of a panel just opened: its patterns are compiled on their first run.
  if (text === "") return text;
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
  const hyphenated = trimUnits(normaliseName(input).replace(FORBIDDEN_RUN, "-"), isHyphen);
  const suggestion = trimUnits(truncateToBytes(hyphenated, MAX_NAME_BYTES), isHyphen);
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
