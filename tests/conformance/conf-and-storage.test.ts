/** Sections (§N) in the test names: docs/siyuan-sync-api.md, but for the plugin-storage block. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLOSE_TIMEOUT, ROUTE, TEXTS, useDouble } from "./harness";

describe("§8 getConf", () => {
  const kernel = useDouble({ token: "conf-token" });

  it("§8 an admin gets the unmasked sync conf, the token and the kernel version", async () => {
    const { double, post, cloudDir } = kernel();
    double.setState({ provider: 0, cloudName: "notes", syncEnabled: true, version: "3.6.3" });
    expect((await post(ROUTE.getConf, {})).json).toEqual({
      code: 0,
      msg: "",
      data: {
        conf: {
          sync: {
            cloudName: "notes",
            enabled: true,
            perception: false,
            mode: 1,
            interval: 30,
            synced: 0,
            stat: "",
            generateConflictDoc: false,
            provider: 0,
            s3: {
              endpoint: "https://s3.sandbox.invalid",
              accessKey: "sandbox-access-key",
              secretKey: "sandbox-secret-key",
              bucket: "siyuan-bucket",
              region: "sandbox-region",
              pathStyle: false,
              skipTlsVerify: false,
              timeout: 30,
              concurrentReqs: 8,
            },
            // This double was started without a WebDAV server: WebDAV was never configured.
            webdav: {
              endpoint: "",
              username: "",
              password: "",
              skipTlsVerify: false,
              timeout: 30,
              concurrentReqs: 1,
            },
            local: { endpoint: cloudDir, timeout: 30, concurrentReqs: 16 },
          },
          readonly: false,
          lang: "en_US",
          appearance: { mode: 0 },
          api: { token: "conf-token" },
          system: { kernelVersion: "3.6.3" },
        },
        start: true,
        isPublish: false,
      },
    });
  });

  it("§8 stat is Language(53) while sync is disabled, and readonly mirrors --readonly", async () => {
    kernel().double.setState({ readonly: true, lang: "zh_CN" });
    expect((await kernel().post(ROUTE.getConf)).json).toMatchObject({
      data: { conf: { sync: { stat: TEXTS.zh_CN[53] }, readonly: true, lang: "zh_CN" } },
    });
  });

  it("§8 a Reader gets the empty conf.Sync, readonly true, isPublish true and no token", async () => {
    kernel().double.setState({ publish: true, provider: 4, cloudName: "notes" });
    const { data } = (await kernel().post(ROUTE.getConf, {})).json as { data: object };
    expect(data).toEqual({
      conf: {
        sync: {
          cloudName: "",
          enabled: false,
          perception: false,
          mode: 0,
          interval: 0,
          synced: 0,
          stat: "",
          generateConflictDoc: false,
          provider: 0,
          s3: null,
          webdav: null,
          local: null,
        },
        readonly: true,
        lang: "en_US",
        appearance: { mode: 0 },
        api: { token: "" },
        system: { kernelVersion: "3.7.3" },
      },
      start: true,
      isPublish: true,
    });
  });
});

describe("plugin storage, docs/siyuan-plugin-platform.md §1.7 (getFile, putFile, removeFile)", () => {
  const kernel = useDouble();
  const SETTINGS = "/data/storage/petal/cloud-sync-dir/settings.json";
  const onDisk = (workspacePath: string) => path.join(kernel().storageDir, workspacePath);
  const form = (fields: Record<string, string | Blob>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };
  const saveSettings = (content: string) =>
    kernel().post(
      ROUTE.putFile,
      form({ path: SETTINGS, file: new Blob([content]), isDir: "false", modTime: "1700000000000" }),
    );

  it("saveData: putFile writes the blob and applies modTime", async () => {
    expect((await saveSettings('{"theme":"dark"}')).json).toEqual({ code: 0, msg: "", data: null });
    expect(fs.readFileSync(onDisk(SETTINGS), "utf8")).toBe('{"theme":"dark"}');
    expect(fs.statSync(onDisk(SETTINGS)).mtimeMs).toBe(1_700_000_000_000);
  });

  it("putFile with isDir true creates a folder", async () => {
    const folder = "/data/storage/petal/cloud-sync-dir/cache";
    await kernel().post(ROUTE.putFile, form({ path: folder, isDir: "true" }));
    expect(fs.statSync(onDisk(folder)).isDirectory()).toBe(true);
  });

  it("loadData: getFile returns the bytes with a content-type by extension", async () => {
    await saveSettings('{"theme":"dark"}');
    const response = await kernel().post(ROUTE.getFile, { path: SETTINGS });
    expect(response.status).toBe(200);
    expect(response.contentType).toBe("application/json");
    expect(response.text).toBe('{"theme":"dark"}');
  });

  it("loadData of a missing file: HTTP 202 with code 404", async () => {
    const response = await kernel().post(ROUTE.getFile, { path: SETTINGS });
    expect(response.status).toBe(202);
    expect(response.json).toEqual({
      code: 404,
      msg: `file [${SETTINGS}] does not exist`,
      data: null,
    });
  });

  it("removeData: removeFile deletes, then a second remove is code 404", async () => {
    await saveSettings("{}");
    expect((await kernel().post(ROUTE.removeFile, { path: SETTINGS })).json).toEqual({
      code: 0,
      msg: "",
      data: null,
    });
    expect(fs.existsSync(onDisk(SETTINGS))).toBe(false);
    expect((await kernel().post(ROUTE.removeFile, { path: SETTINGS })).status).toBe(202);
  });

  it.each([
    "/conf/conf.json",
    "/data/storage/petal",
    "/data/storage/petal/../../../../outside.json",
    "/data/storage/petal/p/../../local.json",
  ])(
    "sandbox: %s is outside /data/storage/petal/ and refused with 403 on all three routes",
    async (workspacePath) => {
      const { post, root, storageDir } = kernel();
      const refusal = {
        code: -1,
        msg: `The sandbox refused path [${workspacePath}]: the kernel double only serves /data/storage/petal/`,
        data: null,
      };
      const replies = [
        await post(ROUTE.getFile, { path: workspacePath }),
        await post(ROUTE.removeFile, { path: workspacePath }),
        await post(ROUTE.putFile, form({ path: workspacePath, file: new Blob(["x"]) })),
      ];
      for (const reply of replies) {
        expect(reply.status).toBe(403);
        expect(reply.json).toEqual(refusal);
      }
      expect(fs.readdirSync(root).sort()).toEqual(["canary", "cloud"]);
      expect(fs.existsSync(storageDir)).toBe(false);
    },
  );

  it("putFile without a multipart body is a code -1 reply, not a crash", async () => {
    const response = await kernel().post(ROUTE.putFile, '{"path":"x"}');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ code: -1, data: null });
  });

  it("§2 CheckReadonly blocks saveData in a --readonly kernel, and nothing is written", async () => {
    kernel().double.setState({ readonly: true });
    expect((await saveSettings("{}")).json).toMatchObject({
      code: -1,
      msg: TEXTS.en_US[34],
      data: CLOSE_TIMEOUT,
    });
    expect(fs.existsSync(onDisk(SETTINGS))).toBe(false);
  });

  it("§2 CheckAdminRole blocks saveData for a publish Reader with 403", async () => {
    kernel().double.setState({ publish: true });
    const response = await saveSettings("{}");
    expect(response.status).toBe(403);
    expect(response.text).toBe("");
    expect(fs.existsSync(onDisk(SETTINGS))).toBe(false);
  });
});
