import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import english from "../../public/i18n/en_US.json";
import chinese from "../../public/i18n/zh_CN.json";
import { format, translate, type I18n } from "../../src/i18n";

const root = resolve(import.meta.dirname, "../..");
const languages: Record<string, Record<string, unknown>> = { en_US: english, zh_CN: chinese };
const englishKeys = Object.keys(english).sort();

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "").sort();
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

const sources = sourceFiles(join(root, "src")).map((path) => readFileSync(path, "utf8"));
const allSource = sources.join("\n");

/** Keys the source names in the ways it uses i18n keys. */
function keysUsedInSource(): Set<string> {
  const patterns = [
    /\bt\.(\w+)/g, // t.createButton
    /\bi18n\.(\w+)/g, // this.i18n.dockTitle
    /\bt\[\s*"(\w+)"\s*\]/g,
    /\b(?:key|\w+Key)\s*:\s*"(\w+)"/g, // { key: "problemEmpty" }, labelKey, listNoteKey, langKey
    /\berror\(\s*"(\w+)"/g, // describeFailure's error("outcomeForbidden")
  ];
  const used = new Set<string>();
  for (const pattern of patterns) {
    for (const match of allSource.matchAll(pattern)) used.add(match[1] ?? "");
  }
  // describe.ts maps kernel reasons to keys in one object.
  const reasonMap = /REASON_KEYS = \{([^}]*)\}/.exec(allSource)?.[1] ?? "";
  for (const match of reasonMap.matchAll(/:\s*"(\w+)"/g)) used.add(match[1] ?? "");
  return used;
}

describe("language files", () => {
  it.each(Object.keys(languages))("%s has exactly the keys of en_US", (language) => {
    expect(Object.keys(languages[language] ?? {}).sort()).toEqual(englishKeys);
  });

  it.each(Object.keys(languages))("%s has only non-empty strings", (language) => {
    for (const [key, value] of Object.entries(languages[language] ?? {})) {
      expect(typeof value, key).toBe("string");
      expect(String(value).trim(), key).not.toBe("");
    }
  });

  it.each(englishKeys)("%s has the same placeholders in every language", (key) => {
    const expected = placeholders(String(english[key as keyof typeof english]));
    for (const texts of Object.values(languages)) {
      expect(placeholders(String(texts[key]))).toEqual(expected);
    }
  });

  it.each<[string, string, string]>([
    ["activeProviderLabel", "Active provider", "当前提供商"],
    ["newDirLabel", "New directory", "新建目录"],
    ["technicalTitle", "Request and response", "请求与响应"],
    ["createButton", "Create", "创建"],
    ["responseLabel", "Response", "响应"],
  ])("%s gives the accessible names %j and %j", (key, en, zh) => {
    expect(english[key as keyof typeof english]).toBe(en);
    expect(chinese[key as keyof typeof chinese]).toBe(zh);
  });
});

/**
 * Keys shown only in the request and response section, next to SiYuan's raw reply, where the HTTP
 * status is the fact being shown. Everywhere else the words are for people, not for developers.
 */
const TECHNICAL_KEYS = new Set(["responseHttpStatus", "responseNoHttp"]);
const userFacing = (texts: Record<string, unknown>): [string, string][] =>
  Object.entries(texts)
    .filter(([key]) => !TECHNICAL_KEYS.has(key))
    .map(([key, value]) => [key, String(value)]);

/** Status codes, SiYuan's message numbers and format names: details a person cannot act on. */
const TECHNICAL_DETAIL = [
  /\bHTTP\s*(?:\d{3}|\{status\})/,
  /\{(?:status|code)\}/,
  /\bmessage\s*\d+/i,
  /消息\s*\d+/,
  /\bnot JSON\b/i,
  /不是\s*JSON/,
];

/**
 * Chinese typography, as SiYuan's own Chinese writes it:
 * - a space between Chinese characters and Latin letters or digits ("3.6.4 或更高", "S3 时");
 * - a placeholder counts as a Latin word (most values are names, numbers, "S3" or "WebDAV"), so a
 *   space or punctuation separates it from Chinese characters; provider names, which can be Chinese
 *   too (本地文件系统), go in quotes or brackets: “{active}”, （{provider}）;
 * - full-width punctuation next to Chinese characters: ，。：；？！（）, never , . : ; ? ! ( ).
 * Only Han characters count as Chinese here; ASCII punctuation between Latin words (the list of
 * forbidden characters in pathHint) is fine.
 */
const CHINESE_TYPOGRAPHY: readonly [string, RegExp][] = [
  ["Han then Latin or digit", /\p{Script=Han}[A-Za-z0-9]/u],
  ["Latin or digit then Han", /[A-Za-z0-9]\p{Script=Han}/u],
  ["Han then placeholder", /\p{Script=Han}\{/u],
  ["placeholder then Han", /\}\p{Script=Han}/u],
  ["half-width punctuation after Han", /\p{Script=Han}[,.:;?!()]/u],
  ["half-width punctuation before Han", /[,:;?!()]\p{Script=Han}/u],
];

describe("words for people", () => {
  it("keeps the technical keys in the language files", () => {
    for (const key of TECHNICAL_KEYS) expect(englishKeys).toContain(key);
  });

  it.each(userFacing(english))("en_US %s says SiYuan, not kernel", (_key, text) => {
    expect(text).not.toMatch(/kernel/i);
  });

  it.each(userFacing(chinese))("zh_CN %s says 思源, not 内核", (_key, text) => {
    expect(text).not.toContain("内核");
  });

  it.each([...userFacing(english), ...userFacing(chinese)])(
    "%s has no status codes or message numbers",
    (_key, text) => {
      for (const pattern of TECHNICAL_DETAIL) expect(text).not.toMatch(pattern);
    },
  );

  it.each(userFacing(chinese))("zh_CN %s follows Chinese typography", (_key, text) => {
    for (const [rule, pattern] of CHINESE_TYPOGRAPHY) {
      expect(pattern.exec(text)?.[0], rule).toBeUndefined();
    }
  });

  it.each<[string, string]>([
    ["Han then Latin", "使用S3时"],
    ["digit then Han", "63个字节"],
    ["placeholder without a space", "已在{provider}上创建"],
    ["half-width question mark", "切换目录?"],
    ["half-width comma", "读取失败,请重试"],
    ["half-width colon", "无法读取:{reason}"],
    ["half-width parenthesis", "请求历史({count})"],
  ])("the typography rules catch %s", (_case, text) => {
    expect(CHINESE_TYPOGRAPHY.some(([, pattern]) => pattern.test(text))).toBe(true);
  });

  it.each<[string, string]>([
    ["kernel", "The kernel refused."],
    ["an HTTP status", "Forbidden (HTTP 403)."],
    ["an HTTP status placeholder", "The kernel failed (HTTP {status})."],
    ["a message number", "it answers “not supported” (message 131)."],
    ["a Chinese message number", "会回答“不支持该操作”（消息 131）。"],
    ["a format name", "The answer was not JSON."],
  ])("the detail rules catch %s", (_case, text) => {
    const caught = /kernel/i.test(text) || TECHNICAL_DETAIL.some((pattern) => pattern.test(text));
    expect(caught).toBe(true);
  });
});

describe("keys and the source", () => {
  const used = keysUsedInSource();

  it("finds the keys the source uses", () => {
    expect(used.size).toBeGreaterThan(20);
  });

  it.each([...used].sort())("%s, used in src/, exists in en_US.json", (key) => {
    expect(englishKeys).toContain(key);
  });

  it.each(englishKeys)("%s is used somewhere in src/", (key) => {
    const mentioned = new RegExp(`\\b(?:t|i18n)\\.${key}\\b|"${key}"`);
    expect(allSource).toMatch(mentioned);
  });
});

describe("format", () => {
  it("fills known placeholders and leaves unknown ones visible", () => {
    expect(format("{a} and {b} and {a}", { a: 1 })).toBe("1 and {b} and 1");
  });

  it("writes 0 and empty strings instead of leaving the placeholder", () => {
    expect(format("[{n}][{s}]", { n: 0, s: "" })).toBe("[0][]");
  });

  it("inserts values literally, without replacement patterns", () => {
    expect(format("{x}", { x: "$& $1 $$" })).toBe("$& $1 $$");
  });
});

describe("translate", () => {
  const en: I18n = english;
  const zh: I18n = chinese;

  it("translates a nested message in its own language", () => {
    const message = {
      key: "outcomeCreated",
      vars: { name: "notes", provider: { key: "providerLocal" } },
    } as const;
    expect(translate(en, message)).toBe("Created “notes” on Local file system.");
    expect(translate(zh, message)).toBe("已创建“notes”（本地文件系统）。");
  });

  it("translates messages nested two levels deep", () => {
    expect(
      translate(en, {
        key: "lostConnection",
        vars: { found: { key: "foundProvider", vars: { provider: { key: "providerWebdav" } } } },
      }),
    ).toBe("The connection was lost. The list was read again: SiYuan syncs with WebDAV.");
  });

  it("keeps a missing variable visible", () => {
    expect(translate(en, { key: "problemForbidden" })).toBe(
      "“{character}” is not allowed in a cloud sync directory name.",
    );
  });
});
