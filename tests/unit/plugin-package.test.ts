/**
 * plugin.json and the package images against the bazaar rules (docs/siyuan-plugin-platform.md §3.1,
 * §3.2, §3.5).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { SEMVER } from "../../scripts/release-rules.mjs";

const root = resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(resolve(root, "plugin.json"), "utf8")) as Record<
  string,
  unknown
>;

const REQUIRED_KEYS = ["name", "author", "url", "version", "readme"];
const ALLOWED_KEYS = [
  ...REQUIRED_KEYS,
  "minAppVersion",
  "backends",
  "frontends",
  "kernels",
  "disabledInPublish",
  "displayName",
  "description",
  "funding",
  "keywords",
];
const BACKENDS = ["windows", "linux", "darwin", "docker", "android", "ios", "harmony", "all"];
const FRONTENDS = [
  "desktop",
  "desktop-window",
  "mobile",
  "browser-desktop",
  "browser-mobile",
  "all",
];
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

const stringArray = (value: unknown): string[] => {
  expect(Array.isArray(value)).toBe(true);
  for (const item of value as unknown[]) expect(typeof item).toBe("string");
  return value as string[];
};

describe("plugin.json keys", () => {
  it.each(REQUIRED_KEYS)("has the required key %s", (key) => {
    expect(manifest).toHaveProperty(key);
  });

  it("has only keys the bazaar allows", () => {
    for (const key of Object.keys(manifest)) expect(ALLOWED_KEYS).toContain(key);
  });
});

describe("plugin.json values", () => {
  it("has a bazaar-safe name", () => {
    const name = manifest.name;
    expect(typeof name).toBe("string");
    const text = String(name);
    expect(text).toMatch(/^[\x20-\x7E]+$/);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64);
    expect(text).not.toMatch(/[<>:"/\\|?*&'`]/);
    expect(text).not.toMatch(/^[.\s]|[\s.]$/);
    expect(text).not.toMatch(WINDOWS_DEVICES);
  });

  it("names the package folder the build and storage use", () => {
    expect(manifest.name).toBe("cloud-sync-dir");
  });

  it("has a non-empty author", () => {
    expect(String(manifest.author ?? "").trim()).not.toBe("");
  });

  it("has a url of the form https://github.com/<owner>/<repo>", () => {
    expect(manifest.url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(manifest.url).not.toMatch(/\.git$/);
  });

  it("has a semver version without a v prefix, equal to package.json's", () => {
    expect(manifest.version).toMatch(SEMVER);
    const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as {
      version: string;
    };
    expect(manifest.version).toBe(pkg.version);
  });

  it("has readme files that exist, with a default", () => {
    const readme = manifest.readme as Record<string, unknown>;
    expect(typeof readme.default).toBe("string");
    for (const file of Object.values(readme)) {
      expect(typeof file).toBe("string");
      expect(String(file)).not.toMatch(/^\/|\\|\.\./);
      const path = resolve(root, String(file));
      expect(existsSync(path) && statSync(path).isFile(), String(file)).toBe(true);
    }
  });

  it("needs SiYuan 3.1.19, the first release with the Local provider", () => {
    expect(manifest.minAppVersion).toBe("3.1.19");
  });

  it("is disabled in publish mode", () => {
    expect(manifest.disabledInPublish).toBe(true);
  });

  it.each([
    ["backends", BACKENDS],
    ["frontends", FRONTENDS],
  ])("lists only known %s, never mixing all with others", (key, allowed) => {
    if (!(key in manifest)) return;
    const values = stringArray(manifest[key]);
    for (const value of values) expect(allowed).toContain(value);
    if (values.includes("all")) expect(values).toEqual(["all"]);
  });

  it.each(["displayName", "description"])("has a %s with a default", (key) => {
    const locales = manifest[key] as Record<string, unknown>;
    expect(typeof locales.default).toBe("string");
    for (const text of Object.values(locales)) expect(String(text).trim()).not.toBe("");
  });

  it("has no displayName containing SiYuan", () => {
    for (const text of Object.values(manifest.displayName as Record<string, string>)) {
      expect(text.toLowerCase()).not.toContain("siyuan");
      expect(text).not.toContain("思源");
    }
  });

  it("has no keyword containing siyuan", () => {
    for (const keyword of stringArray(manifest.keywords ?? [])) {
      expect(keyword.toLowerCase()).not.toContain("siyuan");
      expect(keyword).not.toContain("思源");
    }
  });

  it("has no placeholder funding", () => {
    if (!("funding" in manifest)) return;
    const funding = manifest.funding as Record<string, unknown>;
    for (const key of Object.keys(funding)) {
      expect(["openCollective", "patreon", "github", "custom"]).toContain(key);
    }
    for (const url of stringArray(funding.custom ?? [])) {
      expect(url).toMatch(/^(https?:|mailto:)/);
      expect(url).not.toContain("ld246.com/sponsor");
    }
  });
});

describe("package files", () => {
  it.each([
    ["icon.png", 160, 160, 20 * 1024],
    ["preview.png", 1024, 768, 200 * 1024],
  ])("%s is a real %ix%i PNG of at most %i bytes", (file, width, height, maxBytes) => {
    const bytes = readFileSync(resolve(root, file));
    expect(bytes.length).toBeLessThanOrEqual(maxBytes);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const png = PNG.sync.read(bytes);
    expect({ width: png.width, height: png.height }).toEqual({ width, height });
  });

  it.each(["LICENSE", "README.md"])("ships %s", (file) => {
    const path = resolve(root, file);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, "utf8").trim()).not.toBe("");
  });

  it("ships an i18n file for each language the kernel may pick", () => {
    for (const file of ["public/i18n/en_US.json", "public/i18n/zh_CN.json"]) {
      expect(existsSync(resolve(root, file)), file).toBe(true);
    }
  });
});
