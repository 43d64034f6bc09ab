import { describe, expect, it } from "vitest";
import { PROVIDERS, isProviderId, providerInfo, type ProviderId } from "../../src/core/providers";

describe("providers (kernel/conf/sync.go, docs/siyuan-sync-api.md §4)", () => {
  it("lists exactly the kernel's provider ids 0, 2, 3, 4 (no Qiniu 1)", () => {
    expect(PROVIDERS.map((provider) => provider.id)).toEqual([0, 2, 3, 4]);
  });

  it.each<[ProviderId, string, boolean, boolean]>([
    [0, "SiYuan", true, false],
    [2, "S3", false, true],
    [3, "WebDAV", false, false],
    [4, "Local File System", true, false],
  ])(
    "provider %i is %j; manages directories: %s; lists its bucket: %s",
    (id, kernelName, managesDirectories, listsBucket) => {
      expect(providerInfo(id)).toMatchObject({ id, kernelName, managesDirectories, listsBucket });
    },
  );

  it("gives every provider its own label key", () => {
    const keys = PROVIDERS.map((provider) => provider.labelKey);
    expect(new Set(keys).size).toBe(PROVIDERS.length);
  });

  it.each([0, 2, 3, 4])("accepts %j as a provider id", (value) => {
    expect(isProviderId(value)).toBe(true);
  });

  it.each([1, 5, -1, "0", "4", null, undefined, 0.5, Number.NaN, {}])(
    "rejects %j as a provider id",
    (value) => {
      expect(isProviderId(value)).toBe(false);
    },
  );

  it("throws a RangeError for an id outside the type", () => {
    expect(() => providerInfo(1 as ProviderId)).toThrow(RangeError);
  });
});
