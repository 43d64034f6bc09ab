/**
 * The pure core end to end against the kernel double and the sandbox's real WebDAV server:
 * getConf → planMkcol → forwardProxy → classifyMkcol, then the kernel's own list.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { WebdavServer } from "../../sandbox/webdav-server.mjs";
import { createKernelClient, type KernelClient } from "../../src/core/kernel-client";
import type { KernelVersion } from "../../src/core/kernel-version";
import { createFetchTransport } from "../../src/core/transport";
import { classifyMkcol, planMkcol, type MkcolVerdict } from "../../src/core/webdav";
import { useWebdavDouble, type Harness } from "../conformance/harness";

const setup = useWebdavDouble();
let webdav: WebdavServer;
let kernel: Harness;
let davRoot: string;
let client: KernelClient;

beforeEach(() => {
  ({ webdav, kernel, davRoot } = setup());
  client = createKernelClient(
    createFetchTransport((input, init) => fetch(kernel.baseUrl + String(input), init)),
  );
});

async function kernelVersion(): Promise<KernelVersion> {
  const { outcome } = await client.version();
  if (outcome.kind !== "ok") throw new Error(`version failed: ${outcome.kind}`);
  return outcome.data;
}

/** What the panel will do on Create: read the conf, plan, send, classify. */
async function createOnWebdav(name: string): Promise<MkcolVerdict> {
  const conf = await client.getConf();
  if (conf.outcome.kind !== "ok" || !conf.outcome.data.webdav) throw new Error("no webdav conf");
  const plan = planMkcol(conf.outcome.data.webdav, name);
  if (plan.kind !== "ready") throw new Error(`plan: ${plan.kind}`);
  const exchange = await client.forwardProxy(plan.request);
  return classifyMkcol(exchange.outcome, await kernelVersion());
}

async function listed(): Promise<string[]> {
  const { outcome } = await client.listCloudSyncDir();
  return outcome.kind === "ok" ? outcome.data.dirs.map((dir) => dir.name) : [];
}

describe("creating a WebDAV directory through the kernel", () => {
  it("created: the collection is on the server's disk and in SiYuan's list", async () => {
    expect(await createOnWebdav("my-notes")).toEqual({ kind: "created" });
    expect(fs.statSync(path.join(davRoot, "my-notes")).isDirectory()).toBe(true);
    expect(await listed()).toEqual(["my-notes"]);
  });

  it("exists: a second create of the same name", async () => {
    await createOnWebdav("notes");
    expect(await createOnWebdav("notes")).toEqual({ kind: "exists" });
  });

  it("wrongCredentials: SiYuan's WebDAV password no longer matches the server's", async () => {
    kernel.double.setState({ webdavWrongPassword: true });
    expect(await createOnWebdav("notes")).toEqual({ kind: "wrongCredentials" });
    expect(fs.existsSync(path.join(davRoot, "notes"))).toBe(false);
  });

  it("addressRefused on 3.7.2, naming 3.7.3; nothing is created", async () => {
    kernel.double.setState({ version: "3.7.2" });
    expect(await createOnWebdav("notes")).toEqual({
      kind: "addressRefused",
      ip: "127.0.0.1",
      cause: "versionRule",
      liftedIn: "3.7.3",
    });
    expect(fs.existsSync(path.join(davRoot, "notes"))).toBe(false);
  });

  it("addressRefused on 3.6.4 as well, from its -1 code", async () => {
    kernel.double.setState({ version: "3.6.4" });
    expect(await createOnWebdav("notes")).toMatchObject({ kind: "addressRefused" });
  });

  it("3.7.3 in safe mode refuses for the safe-mode reason", async () => {
    kernel.double.setState({ safeMode: true });
    expect(await createOnWebdav("notes")).toMatchObject({
      kind: "addressRefused",
      cause: "safeMode",
    });
  });

  it("unreachable when the WebDAV server is gone", async () => {
    await webdav.close();
    expect(await createOnWebdav("notes")).toMatchObject({ kind: "unreachable" });
  });
});
