import { describe, expect, it } from "vitest";
import {
  PROVIDER,
  PROVIDERS,
  directoryOffers,
  hasSettings,
  isCloudSubscriber,
  isProviderId,
  providerInfo,
  type ProviderId,
  type ProviderSettings,
} from "../../src/core/providers";

describe("providers (kernel/conf/sync.go, docs/siyuan-sync-api.md §4)", () => {
  it("lists exactly the kernel's provider ids 0, 2, 3, 4 (no Qiniu 1)", () => {
    expect(PROVIDERS.map((provider) => provider.id)).toEqual([0, 2, 3, 4]);
  });

  it.each<[ProviderId, string, boolean, boolean, string | null]>([
    [0, "SiYuan", true, true, null],
    [2, "S3", false, false, "s3BucketNote"],
    [3, "WebDAV", false, true, "webdavNote"],
    [4, "Local File System", true, true, null],
  ])(
    "provider %i is %j; manages directories: %s; names directories: %s; list note: %s",
    (id, kernelName, managesDirectories, namesDirectories, listNoteKey) => {
      expect(providerInfo(id)).toMatchObject({
        id,
        kernelName,
        managesDirectories,
        namesDirectories,
        listNoteKey,
      });
    },
  );

  // docs/siyuan-sync-api.md §4 (the create/remove gate) and §11 (S3's bucket is the directory).
  it.each<[ProviderId | null, { create: boolean; use: boolean; delete: boolean }]>([
    [0, { create: true, use: true, delete: true }],
    [4, { create: true, use: true, delete: true }],
    [3, { create: true, use: true, delete: false }],
    [2, { create: false, use: false, delete: false }],
    [null, { create: true, use: true, delete: false }],
  ])("provider %s offers %j on its directories", (provider, offers) => {
    expect(directoryOffers(provider)).toEqual(offers);
  });

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

describe("hasSettings: what SiYuan needs to sync with a provider (docs/siyuan-sync-api.md §16)", () => {
  const none: ProviderSettings = {
    s3: null,
    webdav: null,
    localEndpoint: null,
    cloudSubscriber: false,
  };
  const all: ProviderSettings = {
    s3: { endpoint: "https://s3.example", bucket: "notes" },
    webdav: { endpoint: "https://dav.example/" },
    localEndpoint: "/mnt/sync",
    cloudSubscriber: true,
  };

  it.each(PROVIDERS.map((provider) => provider.id))("provider %i: set up with everything", (id) => {
    expect(hasSettings(id, all)).toBe(true);
    expect(hasSettings(id, none)).toBe(false);
  });

  it.each<[string, ProviderId, Partial<ProviderSettings>]>([
    ["S3 without a bucket", PROVIDER.s3, { s3: { endpoint: "https://s3.example", bucket: "" } }],
    ["S3 without an endpoint", PROVIDER.s3, { s3: { endpoint: " ", bucket: "notes" } }],
    ["WebDAV with a blank endpoint", PROVIDER.webdav, { webdav: { endpoint: "  " } }],
    ["Local with an empty folder", PROVIDER.local, { localEndpoint: "" }],
    ["SiYuan without a subscriber", PROVIDER.siyuan, { cloudSubscriber: false }],
  ])("%s is not set up", (_label, id, change) => {
    expect(hasSettings(id, { ...all, ...change })).toBe(false);
  });
});

describe("isCloudSubscriber: the kernel's IsSubscriber on window.siyuan.user", () => {
  it.each<[unknown, boolean]>([
    [{ userSiYuanProExpireTime: -1, userSiYuanSubscriptionStatus: 0 }, true],
    [{ userSiYuanProExpireTime: 1_900_000_000_000, userSiYuanSubscriptionStatus: 0 }, true],
    [{ userSiYuanProExpireTime: 0, userSiYuanSubscriptionStatus: 0 }, false],
    [{ userSiYuanProExpireTime: -1, userSiYuanSubscriptionStatus: 1 }, false],
    [{ userSiYuanProExpireTime: "-1", userSiYuanSubscriptionStatus: 0 }, false],
    [{}, false],
    [null, false],
    [undefined, false],
  ])("%j → %s", (user, expected) => {
    expect(isCloudSubscriber(user)).toBe(expected);
  });
});
