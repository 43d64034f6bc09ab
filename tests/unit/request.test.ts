import { describe, expect, it } from "vitest";
import type { ProviderId } from "../../src/core/providers";
import { EMPTY_BODY, buildCreateBody, nameBody } from "../../src/core/request";

describe("createCloudSyncDir body", () => {
  it.each<[ProviderId, string]>([
    [0, "SiYuan"],
    [2, "S3"],
    [3, "WebDAV"],
    [4, "Local File System"],
  ])("provider %i is sent as the kernel's name %j", (provider, kernelName) => {
    expect(buildCreateBody("notes", provider, "notes").provider).toBe(kernelName);
  });

  it("serialises name, provider, path in that order, with the path as typed", () => {
    expect(JSON.stringify(buildCreateBody("archive-2024", 4, " archive/2024 "))).toBe(
      '{"name":"archive-2024","provider":"Local File System","path":" archive/2024 "}',
    );
  });

  it("carries no other keys", () => {
    expect(Object.keys(buildCreateBody("a", 0, "a"))).toEqual(["name", "provider", "path"]);
  });
});

describe("other bodies", () => {
  it("list and getConf send an empty object, as SiYuan's settings do", () => {
    expect(JSON.stringify(EMPTY_BODY)).toBe("{}");
  });

  it("set and remove send only the name", () => {
    expect(JSON.stringify(nameBody("main"))).toBe('{"name":"main"}');
  });
});
