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
    ["providerLabel", "Provider", "云存储服务"],
    ["newDirLabel", "New directory", "新建目录"],
    ["technicalTitle", "Request and response", "请求与响应"],
    ["createButton", "Create", "创建"],
    ["responseLabel", "Response", "响应"],
  ])("%s gives the accessible names %j and %j", (key, en, zh) => {
    expect(english[key as keyof typeof english]).toBe(en);
    expect(chinese[key as keyof typeof chinese]).toBe(zh);
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
    expect(translate(zh, message)).toBe("已在本地文件系统上创建“notes”。");
  });

  it("translates messages nested two levels deep", () => {
    expect(
      translate(en, {
        key: "settingsSaveFailed",
        vars: { reason: { key: "outcomeTimeout", vars: { seconds: 10 } } },
      }),
    ).toBe(
      "Could not save the preferences: No answer within 10 s. The kernel may still finish the request; check the list before trying again.",
    );
  });

  it("keeps a missing variable visible", () => {
    expect(translate(en, { key: "problemForbidden" })).toBe(
      "“{character}” is not allowed in a cloud sync directory name.",
    );
  });
});
