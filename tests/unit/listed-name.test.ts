/**
 * Listed names sent back to the kernel (issue 9). The property tests check the plugin's rules
 * against the kernel double's independent implementation of both body-rule generations
 * (`sandbox/kernel-double/json-body.mjs`): for every name the list offers an action for, the
 * body sent is one that kernels ≤ 3.6.3 and ≥ 3.6.4 act on exactly; every other name says why.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import english from "../../public/i18n/en_US.json";
import chinese from "../../public/i18n/zh_CN.json";
import { readStringArg } from "../../sandbox/kernel-double/json-body.mjs";
import { isValidCloudDirName as kernelAccepts } from "../../sandbox/kernel-double/names.mjs";
import { describeLookAlike, describeNameProblem } from "../../src/core/describe";
import { goTrimSpace } from "../../src/core/dir-name";
import { mayDelete, toRows, type DirRow } from "../../src/core/dir-list";
import {
  escapeName,
  formatCodePoint,
  listedNameProblem,
  lookAlike,
} from "../../src/core/listed-name";
import { nameBody } from "../../src/core/request";
import { translate, type I18n } from "../../src/i18n";

/** Every Unicode White_Space code point: what Go's `unicode.IsSpace` and `TrimSpace` use. */
const WHITE_SPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
].map((codePoint) => String.fromCodePoint(codePoint));

/** Controls, format and bidi characters, and look-alikes of spaces that are not White_Space. */
const CONTROL_AND_FORMAT = [
  0x00, 0x07, 0x1f, 0x7f, 0x80, 0x9f, 0xad, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a,
  0x202e, 0x2060, 0x2066, 0x2069, 0xfeff, 0xfffd, 0xe000, 0xd800, 0xdc00,
].map((codePoint) => String.fromCharCode(codePoint));

const ascii = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 });
const cjk = fc.string({
  unit: fc
    .integer({ min: 0x4e00, max: 0x9fff })
    .map((codePoint) => String.fromCodePoint(codePoint)),
  minLength: 1,
  maxLength: 8,
});
/** Letters that decompose under NFD: `é` becomes `e` + U+0301. */
const nfd = fc
  .string({ unit: fc.constantFrom("é", "Å", "ñ", "ö", "ệ", "가", "a", "-"), minLength: 1 })
  .map((text) => text.normalize("NFD"));
const anyUnit = fc.string({ unit: "binary", maxLength: 6 });
const core = fc.oneof(ascii, cjk, nfd, anyUnit, fc.constant("main"));
const edge = fc.option(fc.constantFrom(...WHITE_SPACE, ...CONTROL_AND_FORMAT), { nil: "" });
const inner = fc.option(fc.constantFrom(...WHITE_SPACE, ...CONTROL_AND_FORMAT), { nil: "" });
/** A name as a Local folder may be called: any core, maybe a space or control at either end. */
const listedName = fc
  .tuple(edge, core, inner, core, edge)
  .map(([start, left, middle, right, end]) => start + left + middle + right + end);

const encoder = new TextEncoder();

/** The name each kernel generation acts on for the body the plugin sends, or `null`. */
function actedOn(name: string, oldBodyRules: boolean): string | null {
  const body = encoder.encode(JSON.stringify(nameBody(name)));
  const arg = readStringArg(
    { path: "/api/sync/removeCloudSyncDir", body, oldBodyRules },
    "name",
  ) as { value?: string };
  return arg.value ?? null;
}

function rowFor(name: string): DirRow {
  const [row] = toRows({ dirs: [{ name, hSize: "-", updated: "" }], active: "" }, 4);
  return row!;
}

const unfilled = /\{\w+\}/;

describe("property: an action is offered exactly when both kernels act on that very name", () => {
  it("offered ⇒ ≤ 3.6.3 and ≥ 3.6.4 act on the listed name, and it passes the name rule", () => {
    fc.assert(
      fc.property(listedName, (name) => {
        const row = rowFor(name);
        if (!row.canUse && !row.canDelete) return;
        expect(actedOn(name, true)).toBe(name);
        expect(actedOn(name, false)).toBe(name);
        expect(kernelAccepts(name)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("not offered ⇒ the row says why, in both languages, with no placeholder left", () => {
    fc.assert(
      fc.property(listedName, (name) => {
        const row = rowFor(name);
        if (row.canUse) return;
        expect(row.problem).not.toBeNull();
        for (const i18n of [english, chinese] as I18n[]) {
          const text = translate(i18n, describeNameProblem(row.problem!));
          expect(text.length).toBeGreaterThan(0);
          expect(text).not.toMatch(unfilled);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("refused only for a reason: a valid name both kernels keep, listed once, is offered", () => {
    fc.assert(
      fc.property(listedName, (name) => {
        const exact = actedOn(name, true) === name && actedOn(name, false) === name;
        const readable = !name.includes("\uFFFD");
        if (exact && readable && kernelAccepts(name)) expect(rowFor(name).canUse).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(WHITE_SPACE.map((space) => [formatCodePoint(space.codePointAt(0)!), space]))(
    "a White_Space code point at either end is refused: %s",
    (_label, space) => {
      for (const name of [`${space}main`, `main${space}`]) {
        expect(rowFor(name).canUse).toBe(false);
        expect(rowFor(name).canDelete).toBe(false);
      }
    },
  );
});

/** Reads an escaped name back; the inverse of {@link escapeName}. */
function unescape(display: string): string {
  return display.replace(/\\u\{([0-9A-F]+)\}|\\u([0-9A-F]{4})/g, (_whole, astral, bmp) =>
    String.fromCodePoint(parseInt(astral ?? bmp, 16)),
  );
}

describe("property: escaped names", () => {
  it("stand for exactly one name, so two rows never show the same text", () => {
    fc.assert(
      fc.property(listedName, (name) => {
        expect(unescape(escapeName(name))).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });

  it("show no White_Space, control or format character", () => {
    fc.assert(
      fc.property(listedName, (name) => {
        expect(escapeName(name)).not.toMatch(/[\p{Z}\p{C}]/u);
      }),
    );
  });

  it("confirm a delete when typed exactly, as do the listed code points; nothing else does", () => {
    fc.assert(
      fc.property(listedName, fc.string({ maxLength: 8 }), (name, other) => {
        const rows = toRows({ dirs: [{ name, hSize: "-", updated: "" }], active: "" }, 4);
        const [row] = rows;
        if (!row!.canDelete) {
          expect(mayDelete(rows, name, name)).toBe(false);
          return;
        }
        expect(mayDelete(rows, name, name)).toBe(true);
        expect(mayDelete(rows, name, row!.display)).toBe(true);
        if (other !== name && other !== row!.display) {
          expect(mayDelete(rows, name, other)).toBe(false);
        }
        // A look-alike in another normal form is not the same name.
        const nfc = name.normalize("NFC");
        if (nfc !== name) expect(mayDelete(rows, name, nfc)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("property: look-alike names carry a warning", () => {
  it("every name not in NFC, or with a format character, is flagged with its code points", () => {
    fc.assert(
      fc.property(listedName, (name) => {
        const lone = /\p{Cs}/u.test(name);
        const notNfc = !lone && name.normalize("NFC") !== name;
        const format = /\p{Cf}/u.test(name);
        const warning = lookAlike(name);
        if (!notNfc && !format) return;
        expect(warning).not.toBeNull();
        expect(warning!.notNfc).toBe(notNfc);
        const text = describeLookAlike(warning!)
          .map((message) => translate(english, message))
          .join(" ");
        for (const character of name) {
          const codePoint = character.codePointAt(0)!;
          if (codePoint > 0x7e) {
            expect(text).toContain(`U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("listed names from the issue", () => {
  it.each([
    ["\u2000main", "It starts with an invisible space, U+2000", "\\u2000main"],
    ["main\u3000", "It ends with an invisible space, U+3000", "main\\u3000"],
    ["\u00a0main", "It starts with an invisible space, U+00A0", "\\u00A0main"],
    ["\u0085main", "It starts with an invisible space, U+0085", "\\u0085main"],
  ])("%j is refused, explained and shown escaped", (name, reason, display) => {
    const row = rowFor(name);
    expect(row.canUse).toBe(false);
    expect(row.canDelete).toBe(false);
    expect(row.display).toBe(display);
    expect(translate(english, describeNameProblem(row.problem!))).toContain(reason);
  });

  it("a name listed twice offers nothing on either row", () => {
    const rows = toRows(
      {
        dirs: ["a\uFFFDb", "a\uFFFDb", "main"].map((name) => ({
          name,
          hSize: "-",
          updated: "",
        })),
        active: "main",
      },
      4,
    );
    expect(rows.map((row) => row.problem?.kind ?? null)).toEqual(["duplicate", "duplicate", null]);
  });

  it.each([
    ["U+FFFD (bytes that were not UTF-8)", "a\uFFFDb", "U+FFFD"],
    ["a lone surrogate (sent, it would arrive as U+FFFD)", "a\uD800b", "U+D800"],
  ])("%s is refused", (_label, name, codePoint) => {
    const row = rowFor(name);
    expect(row.canUse).toBe(false);
    expect(translate(english, describeNameProblem(row.problem!))).toContain(codePoint);
  });

  it.each([
    ["Cyrillic а in a Latin word", "p\u0430ypal", ["Latin", "Cyrillic"]],
    ["Greek ο in a Latin word", "n\u03bftes", ["Latin", "Greek"]],
  ])("%s is flagged as mixing scripts", (_label, name, scripts) => {
    expect(lookAlike(name)?.scripts).toEqual(scripts);
    expect(rowFor(name).canUse).toBe(true);
  });

  it.each([
    ["notes-笔记"],
    ["日本語のノート"],
    ["한국어-漢字"],
    ["archive_2024"],
    ["main"],
    ["~!@ {x}"],
  ])("%j mixes scripts only as people write them, and carries no warning", (name) => {
    expect(lookAlike(name)).toBeNull();
  });

  it("flags a right-to-left override (U+202E) and shows it escaped", () => {
    const row = rowFor("main\u202Etxt");
    expect(row.lookAlike?.formatCodePoints).toEqual([0x202e]);
    expect(row.display).toBe("main\\u202Etxt");
  });
});

describe("goTrimSpace", () => {
  it("matches a reference trim over White_Space for any text", () => {
    const space = new RegExp(`^[${WHITE_SPACE.join("")}]*|[${WHITE_SPACE.join("")}]*$`, "gu");
    fc.assert(
      fc.property(listedName, (text) => {
        expect(goTrimSpace(text)).toBe(text.replace(space, ""));
      }),
      { numRuns: 1000 },
    );
  });

  it("trims a long run of spaces that a letter follows", () => {
    const run = "\u3000".repeat(100_000);
    expect(goTrimSpace(`${run}x${run}`)).toBe("x");
    expect(goTrimSpace(`${run}x${run}y`)).toBe(`x${run}y`);
  });

  it("keeps U+FEFF and U+180E, which Go does not count as space", () => {
    expect(goTrimSpace("\uFEFFmain\u180E")).toBe("\uFEFFmain\u180E");
  });
});

describe("listedNameProblem", () => {
  it("accepts a name with an inner U+3000, which neither kernel trims", () => {
    expect(listedNameProblem("a\u3000b")).toBeNull();
  });
});
