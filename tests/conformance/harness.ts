/**
 * Starts the kernel double on an ephemeral port with its own temp dirs, for the conformance tests.
 * Sections cited in test names (§N) are those of docs/siyuan-sync-api.md, except where a block
 * names docs/siyuan-plugin-platform.md.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { createKernelDouble, type KernelDouble } from "../../sandbox/kernel-double.mjs";
import type { WebdavServerInfo } from "../../sandbox/kernel-double/webdav.mjs";
import { startWebdavServer, type WebdavServer } from "../../sandbox/webdav-server.mjs";

export interface DoubleOptions {
  token?: string;
  /** The WebDAV server behind provider 3; without it, listing WebDAV fails. */
  webdav?: WebdavServerInfo;
}

export interface ApiResponse {
  status: number;
  contentType: string | null;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface Harness {
  double: KernelDouble;
  baseUrl: string;
  /** Temp root holding cloudDir, storageDir and a canary folder; its name contains & and '. */
  root: string;
  cloudDir: string;
  storageDir: string;
  canaryDir: string;
  logLines: string[];
  /** POSTs a raw string, FormData, or an object as JSON; no body when omitted. */
  post(
    route: string,
    body?: string | FormData | object,
    init?: { headers?: Record<string, string>; method?: string },
  ): Promise<ApiResponse>;
  /** Directory names directly in cloudDir, sorted. */
  cloudFolders(): string[];
  close(): Promise<void>;
}

export const NOT_HANDLED_STATUS = 418;

export async function startDouble(options: DoubleOptions = {}): Promise<Harness> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kernel-double-&'-"));
  const cloudDir = path.join(root, "cloud");
  const storageDir = path.join(root, "workspace");
  const canaryDir = path.join(root, "canary");
  fs.mkdirSync(canaryDir);
  const logLines: string[] = [];
  const double = createKernelDouble({
    cloudDir,
    storageDir,
    log: (line) => logLines.push(line),
    ...options,
  });
  const server = http.createServer(async (req, res) => {
    if (!(await double.handle(req, res))) {
      res.writeHead(NOT_HANDLED_STATUS);
      res.end("not handled by the double");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    double,
    baseUrl,
    root,
    cloudDir,
    storageDir,
    canaryDir,
    logLines,
    async post(route, body, init = {}) {
      const payload =
        body === undefined || typeof body === "string" || body instanceof FormData
          ? body
          : JSON.stringify(body);
      const response = await fetch(baseUrl + route, {
        method: init.method ?? "POST",
        headers: init.headers,
        body: payload,
      });
      const text = await response.text();
      const contentType = response.headers.get("content-type");
      return {
        status: response.status,
        contentType,
        headers: response.headers,
        text,
        json: contentType?.startsWith("application/json") ? JSON.parse(text) : undefined,
      };
    },
    cloudFolders: () =>
      fs.existsSync(cloudDir)
        ? fs
            .readdirSync(cloudDir, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => entry.name)
            .sort()
        : [],
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A fresh double for every test of the calling describe block. */
export function useDouble(options?: DoubleOptions): () => Harness {
  let harness: Harness | undefined;
  beforeEach(async () => {
    harness = await startDouble(options);
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  return () => {
    if (!harness) throw new Error("useDouble() is only available inside a test");
    return harness;
  };
}

export interface WebdavHarness {
  /** A double on provider 3 whose WebDAV server is `webdav`. */
  kernel: Harness;
  webdav: WebdavServer;
  /** The folder on disk behind the WebDAV server's `/`. */
  davRoot: string;
}

/** A fresh WebDAV server and a double on provider 3 backed by it, for every test. */
export function useWebdavDouble(): () => WebdavHarness {
  let current: WebdavHarness | undefined;
  beforeEach(async () => {
    const davRoot = fs.mkdtempSync(path.join(os.tmpdir(), "webdav-root-"));
    const webdav = await startWebdavServer({ rootDir: davRoot });
    const kernel = await startDouble({ webdav });
    kernel.double.setState({ provider: 3 });
    current = { kernel, webdav, davRoot };
  });
  afterEach(async () => {
    await current?.kernel.close();
    await current?.webdav.close();
    if (current) fs.rmSync(current.davRoot, { recursive: true, force: true });
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("useWebdavDouble() is only available inside a test");
    return current;
  };
}

/** Go's html.EscapeString, to predict formatRepoErrorMsg texts that contain the temp path. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[<>&'"]/g,
    (character) =>
      ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&#34;" })[character] ??
      character,
  );

/** Go's "2006-01-02 15:04:05" in local time. */
export function goLocalTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The kernel texts of §6 and §2, typed here independently of the double. */
export const TEXTS = {
  en_US: {
    34: "This operation is not supported in read-only mode",
    37: "The cloud sync directory name (Bucket) cannot be empty, contain spaces or special symbols, and has a maximum length of 63 characters",
    53: "Data synchronization has not been enabled",
    116: "Processing, please wait...",
    131: "This operation is not supported, please go to the cloud storage provider management console to operate",
    155: "Cloud sync directory has been reset to [main]",
  },
  zh_CN: {
    34: "只读模式下不支持该操作",
    37: "云端同步目录名（Bucket）不能为空、包含空格或特殊符号，最大长度 63 字符",
    53: "数据同步尚未启用",
    116: "正在处理中，请稍等...",
    131: "不支持该操作，请到云端存储提供商管理控制台进行操作",
    155: "云端同步目录已经重置为 [main]",
  },
} as const;

export const CLOSE_TIMEOUT = { closeTimeout: 5000 };

export const ROUTE = {
  getConf: "/api/system/getConf",
  create: "/api/sync/createCloudSyncDir",
  list: "/api/sync/listCloudSyncDir",
  remove: "/api/sync/removeCloudSyncDir",
  set: "/api/sync/setCloudSyncDir",
  setProvider: "/api/sync/setSyncProvider",
  syncInfo: "/api/sync/getSyncInfo",
  getFile: "/api/file/getFile",
  putFile: "/api/file/putFile",
  removeFile: "/api/file/removeFile",
  forwardProxy: "/api/network/forwardProxy",
  version: "/api/system/version",
} as const;
