import { describe, expect, it } from "vitest";
import {
  PROVIDER,
  PROVIDERS,
  isProviderId,
  providerInfo,
  type ProviderId,
} from "../../src/core/providers";

describe("providers (kernel/conf/sync.go, docs/siyuan-sync-api.md §4)", () => {
  it("lists exactly the kernel's provider ids 0, 2, 3, 4 (no Qiniu 1)", () => {
    expect(PROVIDERS.map((provider) => provider.id)).toEqual([0, 2, 3, 4]);
  });

  it.each<[ProviderId, string, boolean, string | null]>([
    [0, "SiYuan", true, null],
    [2, "S3", false, "s3BucketNote"],
    [3, "WebDAV", false, "webdavNote"],
    [4, "Local File System", true, null],
  ])(
    "provider %i is %j; manages directories: %s; list note: %s",
    (id, kernelName, managesDirectories, listNoteKey) => {
      expect(providerInfo(id)).toMatchObject({ id, kernelName, managesDirectories, listNoteKey });
    },
  );

  it("names every provider id", () => {
    expect(PROVIDER).toEqual({ siyuan: 0, s3: 2, webdav: 3, local: 4 });
  });

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
