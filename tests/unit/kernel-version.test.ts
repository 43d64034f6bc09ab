import { describe, expect, it } from "vitest";
import {
  MIN_APP_VERSION,
  bodyRules,
  compareVersions,
  honoursRedirectOption,
  isBelowMinAppVersion,
  parseKernelVersion,
  privateAddressRule,
  proxyFailureCodes,
  type KernelVersion,
} from "../../src/core/kernel-version";
import plugin from "../../plugin.json";

const version = (text: string): KernelVersion => {
  const parsed = parseKernelVersion(text);
  if (!parsed) throw new Error(`test setup: ${text} does not parse`);
  return parsed;
};

describe("parseKernelVersion", () => {
  it.each([
    ["3.7.3", { major: 3, minor: 7, patch: 3, text: "3.7.3" }],
    [" 3.10.0\n", { major: 3, minor: 10, patch: 0, text: "3.10.0" }],
    ["3.7.4-alpha.1", { major: 3, minor: 7, patch: 4, text: "3.7.4-alpha.1" }],
    ["10.0.12", { major: 10, minor: 0, patch: 12, text: "10.0.12" }],
  ])("reads %j", (text, expected) => {
    expect(parseKernelVersion(text)).toEqual(expected);
  });

  it.each(["", "3.7", "3.7.3.1", "v3.7.3", "3.x.3", "three", "3.7.3 beta", "-1.0.0"])(
    "refuses %j",
    (text) => {
      expect(parseKernelVersion(text)).toBeNull();
    },
  );
});

describe("compareVersions", () => {
  it("orders numerically, not as text", () => {
    expect(compareVersions(version("3.10.0"), "3.9.9")).toBeGreaterThan(0);
    expect(compareVersions(version("3.6.10"), "3.6.4")).toBeGreaterThan(0);
    expect(compareVersions(version("2.99.99"), "3.0.0")).toBeLessThan(0);
    expect(compareVersions(version("3.7.3"), version("3.7.3"))).toBe(0);
  });

  it("treats a pre-release like its release number", () => {
    expect(compareVersions(version("3.7.4-alpha.1"), "3.7.3")).toBeGreaterThan(0);
    expect(compareVersions(version("3.7.4-alpha.1"), "3.7.4")).toBe(0);
  });

  it("throws on a malformed boundary instead of guessing", () => {
    expect(() => compareVersions(version("3.7.3"), "3.7")).toThrow(RangeError);
  });
});

describe("version-dependent rules", () => {
  it.each([
    ["3.5.9", "allowed"],
    ["3.6.0", "refused"],
    ["3.7.2", "refused"],
    ["3.7.3", "refusedInSafeMode"],
    ["3.8.0", "refusedInSafeMode"],
  ])("private addresses on %s: %s", (text, rule) => {
    expect(privateAddressRule(version(text))).toBe(rule);
  });

  it.each([
    ["3.6.4", "negative", false],
    ["3.6.99", "negative", false],
    ["3.7.0", "numbered", true],
    ["3.7.3", "numbered", true],
  ])("forwardProxy on %s: %s failure codes, redirect option %s", (text, codes, redirect) => {
    expect(proxyFailureCodes(version(text))).toBe(codes);
    expect(honoursRedirectOption(version(text))).toBe(redirect);
  });

  it.each([
    ["3.1.19", "legacy"],
    ["3.6.3", "legacy"],
    ["3.6.4", "current"],
    ["3.7.3", "current"],
  ])("body rules on %s: %s", (text, rules) => {
    expect(bodyRules(version(text))).toBe(rules);
  });

  it("minAppVersion comes from plugin.json", () => {
    expect(MIN_APP_VERSION).toBe(plugin.minAppVersion);
  });

  it.each([
    ["3.1.18", true],
    ["3.1.19", false],
    ["3.0.99", true],
    ["4.0.0", false],
  ])("%s is below 3.1.19: %s", (text, below) => {
    expect(isBelowMinAppVersion(version(text), "3.1.19")).toBe(below);
  });
});
