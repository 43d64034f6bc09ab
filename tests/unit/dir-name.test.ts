/**
 * Name vectors derived by hand from docs/siyuan-sync-api.md §3–§5, not from running the code:
 * the API trims with Go's `strings.TrimSpace`, `util.RemoveInvalid` turns NBSP into a space and
 * strips ZWSP/ZWNBSP/ZWJ/ZWNJ, every rune that is not `unicode.IsPrint` (U+3000 excepted) and
 * private-use runes; then `IsValidCloudDirName` wants 1–63 UTF-8 bytes, no forbidden character,
 * no ASCII space and no control character.
 */
import { describe, expect, it } from "vitest";
import {
  checkName,
  goTrimSpace,
  isValidCloudDirName,
  normaliseName,
  rawNameProblem,
  removeInvalid,
  suggestName,
  utf8ByteLength,
  type NameProblem,
} from "../../src/core/dir-name";

const valid = null;
const empty: NameProblem = { kind: "empty" };
const tooLong = (bytes: number): NameProblem => ({ kind: "tooLong", bytes });
const forbidden = (character: string): NameProblem => ({ kind: "forbidden", character });
const path = (separator: "/" | "\\"): NameProblem => ({ kind: "path", separator });
const space = (fromNbsp: boolean): NameProblem => ({ kind: "space", fromNbsp });

interface Vector {
  readonly label: string;
  readonly input: string;
  /** The name the kernel keeps. */
  readonly name: string;
  /** UTF-8 bytes of `name`. */
  readonly bytes: number;
  readonly problem: NameProblem | null;
  /** Characters the kernel removes as invisible, control or private use; `[]` when omitted. */
  readonly stripped?: readonly string[];
  /** Checked when given; `null` means no suggestion is offered. */
  readonly suggestion?: string | null;
}

const A63 = "a".repeat(63);
const CJK = "中"; // 3 bytes
const EMOJI = "\u{1F600}"; // 😀, 4 bytes

const vectors: readonly Vector[] = [
  // Plain valid names.
  { label: "ASCII letters", input: "notes", name: "notes", bytes: 5, problem: valid },
  {
    label: "digits, hyphen, underscore",
    input: "notes-2025_v2",
    name: "notes-2025_v2",
    bytes: 13,
    problem: valid,
  },
  { label: "a lone hyphen", input: "-", name: "-", bytes: 1, problem: valid },
  { label: "a lone underscore", input: "_", name: "_", bytes: 1, problem: valid },
  { label: "one letter (the 1-byte minimum)", input: "a", name: "a", bytes: 1, problem: valid },
  { label: "the default name", input: "main", name: "main", bytes: 4, problem: valid },
  {
    label: "mixed scripts",
    input: "Notes-笔记-ノート-заметки",
    name: "Notes-笔记-ノート-заметки",
    bytes: 6 + 6 + 1 + 9 + 1 + 14,
    problem: valid,
  },
  { label: "Arabic", input: "ملاحظات", name: "ملاحظات", bytes: 14, problem: valid },
  {
    label: "a combining accent (a mark is printable)",
    input: "cafe\u0301",
    name: "cafe\u0301",
    bytes: 6,
    problem: valid,
  },
  { label: "full-width letters", input: "ＡＢＣ", name: "ＡＢＣ", bytes: 9, problem: valid },
  {
    label: "full-width solidus is not the ASCII slash",
    input: "a／b",
    name: "a／b",
    bytes: 5,
    problem: valid,
  },
  // Byte length: 1–63 bytes of UTF-8.
  { label: "exactly 63 ASCII bytes", input: A63, name: A63, bytes: 63, problem: valid },
  {
    label: "64 ASCII bytes",
    input: `${A63}a`,
    name: `${A63}a`,
    bytes: 64,
    problem: tooLong(64),
    suggestion: A63,
  },
  {
    label: "21 CJK characters = 63 bytes",
    input: CJK.repeat(21),
    name: CJK.repeat(21),
    bytes: 63,
    problem: valid,
  },
  {
    label: "22 CJK characters = 66 bytes",
    input: CJK.repeat(22),
    name: CJK.repeat(22),
    bytes: 66,
    problem: tooLong(66),
    suggestion: CJK.repeat(21),
  },
  {
    label: "20 CJK + 3 ASCII = 63 bytes",
    input: `${CJK.repeat(20)}abc`,
    name: `${CJK.repeat(20)}abc`,
    bytes: 63,
    problem: valid,
  },
  {
    label: "20 CJK + 4 ASCII = 64 bytes",
    input: `${CJK.repeat(20)}abcd`,
    name: `${CJK.repeat(20)}abcd`,
    bytes: 64,
    problem: tooLong(64),
  },
  {
    label: "15 emoji + 3 ASCII = 63 bytes",
    input: `${EMOJI.repeat(15)}abc`,
    name: `${EMOJI.repeat(15)}abc`,
    bytes: 63,
    problem: valid,
  },
  {
    label: "16 emoji = 64 bytes",
    input: EMOJI.repeat(16),
    name: EMOJI.repeat(16),
    bytes: 64,
    problem: tooLong(64),
    suggestion: EMOJI.repeat(15),
  },
  {
    label: "63 bytes once the outer spaces are trimmed",
    input: `  ${A63}  `,
    name: A63,
    bytes: 63,
    problem: valid,
  },
  {
    label: "forbidden character wins over length",
    input: `${"a".repeat(70)}!`,
    name: `${"a".repeat(70)}!`,
    bytes: 71,
    problem: forbidden("!"),
    suggestion: A63,
  },
  // Empty and blank.
  { label: "empty", input: "", name: "", bytes: 0, problem: empty, suggestion: null },
  { label: "spaces only", input: "   ", name: "", bytes: 0, problem: empty, suggestion: null },
  {
    label: "tab, newline and space only",
    input: "\t\n ",
    name: "",
    bytes: 0,
    problem: empty,
    stripped: ["\t", "\n"],
  },
  {
    label: "a lone ZWSP",
    input: "\u200B",
    name: "",
    bytes: 0,
    problem: empty,
    stripped: ["\u200B"],
  },
  { label: "full-width spaces only", input: "\u3000\u3000", name: "", bytes: 0, problem: empty },
  // Outer whitespace (Go TrimSpace).
  {
    label: "leading and trailing spaces",
    input: "  notes  ",
    name: "notes",
    bytes: 5,
    problem: valid,
  },
  {
    label: "tab at both ends",
    input: "\tnotes\t",
    name: "notes",
    bytes: 5,
    problem: valid,
    stripped: ["\t", "\t"],
  },
  {
    label: "newline at both ends",
    input: "\nnotes\n",
    name: "notes",
    bytes: 5,
    problem: valid,
    stripped: ["\n", "\n"],
  },
  {
    label: "CRLF at the end",
    input: "notes\r\n",
    name: "notes",
    bytes: 5,
    problem: valid,
    stripped: ["\r", "\n"],
  },
  {
    label: "NBSP at both ends (trimmed, not turned into spaces)",
    input: "\u00A0notes\u00A0",
    name: "notes",
    bytes: 5,
    problem: valid,
  },
  {
    label: "U+3000 at both ends",
    input: "\u3000笔记\u3000",
    name: "笔记",
    bytes: 6,
    problem: valid,
  },
  {
    label: "U+0085 (NEL) at both ends",
    input: "\u0085notes\u0085",
    name: "notes",
    bytes: 5,
    problem: valid,
    stripped: ["\u0085", "\u0085"],
  },
  // Spaces inside.
  {
    label: "ASCII space inside",
    input: "my notes",
    name: "my notes",
    bytes: 8,
    problem: space(false),
    suggestion: "my-notes",
  },
  {
    label: "NBSP inside becomes a space",
    input: "a\u00A0b",
    name: "a b",
    bytes: 3,
    problem: space(true),
    suggestion: "a-b",
  },
  {
    label: "two NBSPs inside",
    input: "a\u00A0\u00A0b",
    name: "a  b",
    bytes: 4,
    problem: space(true),
    suggestion: "a-b",
  },
  {
    label: "U+3000 inside is kept and valid",
    input: "笔记\u3000本",
    name: "笔记\u3000本",
    bytes: 12,
    problem: valid,
  },
  {
    label: "em space inside is not printable: stripped",
    input: "a\u2003b",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u2003"],
  },
  // Invisible characters.
  {
    label: "ZWSP inside",
    input: "no\u200Btes",
    name: "notes",
    bytes: 5,
    problem: valid,
    stripped: ["\u200B"],
  },
  {
    label: "ZWJ inside",
    input: "a\u200Db",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u200D"],
  },
  {
    label: "ZWNJ inside",
    input: "a\u200Cb",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u200C"],
  },
  {
    label: "U+FEFF leading (Go does not trim it, RemoveInvisible strips it)",
    input: "\uFEFFnotes",
    name: "notes",
    bytes: 5,
    problem: valid,
    stripped: ["\uFEFF"],
  },
  {
    label: "U+FEFF inside",
    input: "no\uFEFFtes",
    name: "notes",
    bytes: 5,
    problem: valid,
    stripped: ["\uFEFF"],
  },
  {
    label: "emoji ZWJ sequence loses its joiner",
    input: "\u{1F468}\u200D\u{1F469}",
    name: "\u{1F468}\u{1F469}",
    bytes: 8,
    problem: valid,
    stripped: ["\u200D"],
  },
  {
    label: "soft hyphen (a format character) inside",
    input: "a\u00ADb",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u00AD"],
  },
  {
    // The kernel trims first, then strips the ZWSP, and is left with " abc": a space.
    label: "ZWSP before a space: the kernel is left with a leading space",
    input: "\u200B abc",
    name: "abc",
    bytes: 3,
    problem: { kind: "space", fromNbsp: false },
    stripped: ["\u200B"],
  },
  // Private use (RemovePUA).
  {
    label: "BMP private use U+E000",
    input: "a\uE000b",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\uE000"],
  },
  {
    label: "BMP private use U+F8FF",
    input: "a\uF8FFb",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\uF8FF"],
  },
  {
    label: "plane 15 private use U+F0000",
    input: "a\u{F0000}b",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u{F0000}"],
  },
  {
    label: "plane 16 private use U+10FFFD",
    input: "a\u{10FFFD}b",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u{10FFFD}"],
  },
  // Control characters inside.
  {
    label: "U+0001 inside",
    input: "a\u0001b",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u0001"],
  },
  {
    label: "DEL inside",
    input: "a\u007Fb",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u007F"],
  },
  { label: "tab inside", input: "a\tb", name: "ab", bytes: 2, problem: valid, stripped: ["\t"] },
  {
    label: "NEL inside",
    input: "a\u0085b",
    name: "ab",
    bytes: 2,
    problem: valid,
    stripped: ["\u0085"],
  },
  // Lone surrogates reach Go's JSON decoder as U+FFFD.
  { label: "lone high surrogate", input: "a\uD800b", name: "a\uFFFDb", bytes: 5, problem: valid },
  { label: "lone low surrogate", input: "\uDC00", name: "\uFFFD", bytes: 3, problem: valid },
  // Dots and paths.
  { label: "..", input: "..", name: "..", bytes: 2, problem: forbidden("."), suggestion: null },
  { label: ".", input: ".", name: ".", bytes: 1, problem: forbidden("."), suggestion: null },
  {
    label: "a hidden-folder name",
    input: ".stfolder",
    name: ".stfolder",
    bytes: 9,
    problem: forbidden("."),
    suggestion: "stfolder",
  },
  { label: "a/b", input: "a/b", name: "a/b", bytes: 3, problem: path("/"), suggestion: "a-b" },
  {
    label: "archive/2024",
    input: "archive/2024",
    name: "archive/2024",
    bytes: 12,
    problem: path("/"),
    suggestion: "archive-2024",
  },
  { label: "a\\b", input: "a\\b", name: "a\\b", bytes: 3, problem: path("\\"), suggestion: "a-b" },
  {
    label: "a nested path with a leading slash",
    input: "/x/y/",
    name: "/x/y/",
    bytes: 5,
    problem: path("/"),
    suggestion: "x-y",
  },
  {
    label: "a run of forbidden characters",
    input: "a !?b",
    name: "a !?b",
    bytes: 5,
    problem: space(false),
    suggestion: "a-b",
  },
];

describe("utf8ByteLength", () => {
  it.each([
    ["", 0],
    ["main \u007f", 6],
    ["\u0080", 2],
    ["a\u00e9", 3],
    ["笔记", 6],
    ["😀", 4],
    ["\ud800", 3],
  ])("%j is %i bytes", (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });
});

describe("checkName over the kernel vectors", () => {
  it("has at least 50 vectors", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(50);
  });

  it.each(vectors)("$label", ({ input, name, bytes, problem, stripped, suggestion }) => {
    const check = checkName(input);
    expect(check.input).toBe(input);
    expect(check.name).toBe(name);
    expect(check.bytes).toBe(bytes);
    expect(utf8ByteLength(name)).toBe(bytes);
    expect(check.problem).toEqual(problem);
    expect(check.stripped).toEqual(stripped ?? []);
    if (suggestion !== undefined) expect(check.suggestion).toBe(suggestion);
    if (problem === null) expect(check.suggestion).toBeNull();
    // The verdict is the kernel's: one TrimSpace, one RemoveInvalid, then IsValidCloudDirName.
    expect(isValidCloudDirName(removeInvalid(goTrimSpace(input)))).toBe(problem === null);
    // And what a valid verdict sends is valid too.
    if (problem === null) expect(isValidCloudDirName(check.name)).toBe(true);
  });
});

describe("properties over all vectors", () => {
  /** The kernel's own pass over a name that reaches it: API TrimSpace, then RemoveInvalid. */
  const kernelPass = (text: string) => removeInvalid(goTrimSpace(text));

  it.each(vectors)("normaliseName is idempotent and the kernel keeps it: $label", ({ input }) => {
    const sent = normaliseName(input);
    expect(normaliseName(sent)).toBe(sent);
    expect(kernelPass(sent)).toBe(sent);
  });

  it.each(vectors.filter((vector) => checkName(vector.input).suggestion !== null))(
    "the suggestion is a valid name of at most 63 bytes: $label",
    ({ input }) => {
      const suggestion = checkName(input).suggestion ?? "";
      expect(utf8ByteLength(suggestion)).toBeGreaterThan(0);
      expect(utf8ByteLength(suggestion)).toBeLessThanOrEqual(63);
      expect(isValidCloudDirName(suggestion)).toBe(true);
      expect(checkName(suggestion)).toMatchObject({ name: suggestion, problem: null });
      expect(suggestName(input)).toBe(suggestion);
    },
  );

  it.each(vectors)(
    "stripped lists exactly the removed invisible characters: $label",
    ({ input }) => {
      const { stripped, name } = checkName(input);
      // Removing the listed characters, then trimming and turning NBSP into a space, gives the name.
      let rest = input;
      for (const character of stripped) rest = rest.replace(character, "");
      expect(
        goTrimSpace(rest)
          .replaceAll("\u00A0", " ")
          .replace(/\p{Cs}/gu, "\uFFFD"),
      ).toBe(name);
      for (const character of stripped) expect(name).not.toContain(character);
    },
  );
});

describe("each forbidden character", () => {
  // The forbidden set from dejavu's IsValidCloudDirName, typed out from docs/siyuan-sync-api.md §5.
  const FORBIDDEN = "~`!@#$%^&*()+=[]{}\\|;:'\"<,>.?/";

  it("lists 30 characters", () => {
    expect([...FORBIDDEN]).toHaveLength(30);
  });

  it.each([...FORBIDDEN])("rejects %j inside a name and suggests the hyphenated name", (char) => {
    const check = checkName(`a${char}b`);
    const expected = char === "/" || char === "\\" ? path(char) : forbidden(char);
    expect(check.problem).toEqual(expected);
    expect(check.suggestion).toBe("a-b");
    expect(rawNameProblem(`a${char}b`)).toEqual(expected);
  });

  it("rejects the ASCII space inside a name", () => {
    expect(checkName("a b").problem).toEqual(space(false));
  });

  it.each(["-", "_", "a", "Z", "0", "9", "中", "\u3000"])("accepts %j inside a name", (char) => {
    expect(checkName(`a${char}b`).problem).toBeNull();
  });
});

describe("each control character", () => {
  const controls = [...Array.from({ length: 32 }, (_, code) => code), 127];

  it.each(controls)("U+%i inside a name is stripped, leaving a valid name", (code) => {
    const character = String.fromCharCode(code);
    const check = checkName(`a${character}b`);
    expect(check).toMatchObject({ name: "ab", bytes: 2, problem: null, stripped: [character] });
  });

  it.each(controls)("U+%i makes a listed (raw) name invalid", (code) => {
    expect(rawNameProblem(`a${String.fromCharCode(code)}b`)).toEqual({
      kind: "control",
      codePoint: code,
    });
  });
});

describe("goTrimSpace is Go's strings.TrimSpace, not String.prototype.trim", () => {
  it.each([
    ["NEL: Go trims, JavaScript does not", "\u0085a\u0085", "a", "\u0085a\u0085"],
    ["U+FEFF: JavaScript trims, Go does not", "\uFEFFa\uFEFF", "\uFEFFa\uFEFF", "a"],
    ["U+3000: both trim", "\u3000a\u3000", "a", "a"],
    ["NBSP: both trim", "\u00A0a\u00A0", "a", "a"],
    ["ZWSP: neither trims", "\u200Ba\u200B", "\u200Ba\u200B", "\u200Ba\u200B"],
    ["line and paragraph separators: both trim", "\u2028a\u2029", "a", "a"],
    ["ogham, narrow NBSP, medium math space: both trim", "\u1680\u202Fa\u205F", "a", "a"],
    ["ASCII whitespace: both trim", " \t\n\v\f\ra\r\n", "a", "a"],
    ["inner whitespace is kept", " a \u0085 b ", "a \u0085 b", "a \u0085 b"],
  ])("%s", (_label, input, go, js) => {
    expect(goTrimSpace(input)).toBe(go);
    expect(input.trim()).toBe(js);
  });
});

describe("removeInvalid (util.RemoveInvalid)", () => {
  it.each([
    ["NBSP becomes an ASCII space", "a\u00A0b", "a b"],
    ["ZWSP, ZWNBSP, ZWJ and ZWNJ go", "a\u200B\uFEFF\u200D\u200Cb", "ab"],
    ["U+3000 stays", "a\u3000b", "a\u3000b"],
    ["ASCII space stays", "a b", "a b"],
    ["private use goes", "a\uE000\u{F0000}\u{10FFFD}b", "ab"],
    ["control characters go", "a\u0000\u001F\u007F\u0085b", "ab"],
    ["it does not trim", " a ", " a "],
  ])("%s", (_label, input, expected) => {
    expect(removeInvalid(input)).toBe(expected);
  });
});

describe("rawNameProblem: IsValidCloudDirName on a listed folder name as it is", () => {
  it.each<[string, NameProblem | null]>([
    ["main", null],
    [".stfolder", forbidden(".")],
    ["lost+found", forbidden("+")],
    ["$RECYCLE.BIN", forbidden("$")],
    ["my dir", space(false)],
    ["a/b", path("/")],
    ["a\u0001b", { kind: "control", codePoint: 1 }],
    ["a\u007Fb", { kind: "control", codePoint: 127 }],
    ["", empty],
    [A63, null],
    [`${A63}a`, tooLong(64)],
    // Raw NBSP is neither the ASCII space nor a control character: a listed folder may have one.
    ["a\u00A0b", null],
    ["\u3000", null],
  ])("%j", (name, problem) => {
    expect(rawNameProblem(name)).toEqual(problem);
    expect(isValidCloudDirName(name)).toBe(problem === null);
  });
});
