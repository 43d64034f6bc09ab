// @ts-check
/**
 * Kernel double: a fake of SiYuan's kernel for the cloud-sync-directory API and plugin storage,
 * written from docs/siyuan-sync-api.md (cited as §n) and docs/siyuan-plugin-platform.md §1.7. Mount
 * `handle` in any node:http server.
 */
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AUTH_FAILED_HEADER, AUTH_FAILED_QUERY, language } from "./kernel-double/messages.mjs";
import { createProviders } from "./kernel-double/providers.mjs";
import {
  CLOSE_TIMEOUT,
  emptyReply,
  jsonReply,
  notFoundReply,
  textReply,
} from "./kernel-double/replies.mjs";
import { FAULT_REPLIES, isFaultable, validateFault } from "./kernel-double/faults.mjs";
import { forwardProxy } from "./kernel-double/forward-proxy.mjs";
import { defaultState, usesOldBodyRules, validatePatch } from "./kernel-double/state.mjs";
import { getFile, putFile, removeFile } from "./kernel-double/storage-api.mjs";
import {
  createCloudSyncDir,
  getConf,
  getSyncInfo,
  getVersion,
  listCloudSyncDir,
  removeCloudSyncDir,
  setCloudSyncDir,
  setSyncProvider,
} from "./kernel-double/sync-api.mjs";

/**
 * @typedef {import("./kernel-double/state.mjs").SandboxState} SandboxState
 * @typedef {import("./kernel-double/faults.mjs").Fault} Fault
 * @typedef {import("./kernel-double/replies.mjs").Reply} Reply
 * @typedef {import("./kernel-double/sync-api.mjs").Handler} Handler
 * @typedef {import("./kernel-double/sync-api.mjs").Kernel} Kernel
 * @typedef {object} KernelDoubleOptions
 * @property {string} cloudDir  absolute path of the Local provider endpoint, created if missing
 * @property {string} storageDir  absolute path of the fake workspace root
 * @property {string} [token]  API token, default "sandbox-token"
 * @property {import("./kernel-double/webdav.mjs").WebdavServerInfo} [webdav]  the WebDAV server
 *   behind provider 3 (sandbox/webdav-server.mjs); without it, listing WebDAV fails
 * @property {(line: string) => void} [log]
 * @typedef {object} KernelDouble
 * @property {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<boolean>} handle
 *   answers every /api/... path and resolves false for any other path; never throws
 * @property {() => SandboxState} getState
 * @property {(patch: Partial<SandboxState>) => SandboxState} setState
 * @property {(fault: Fault) => void} queueFault
 * @property {() => void} reset
 * @property {(origin: string) => void} allowForwardTarget  lets forwardProxy reach one more
 *   loopback origin ("http://127.0.0.1:<port>"), for servers a test starts; in-process only
 * @typedef {{ checksAuth: boolean, checksAdminRole: boolean, checksReadonly: boolean }} Guards
 *   the route's middleware chain
 */

/** @type {Guards} */
const PUBLIC = { checksAuth: false, checksAdminRole: false, checksReadonly: false };
/** @type {Guards} */
const AUTH_ONLY = { checksAuth: true, checksAdminRole: false, checksReadonly: false };
/** @type {Guards} */
const ADMIN = { checksAuth: true, checksAdminRole: true, checksReadonly: false };
/** @type {Guards} */
const ADMIN_WRITE = { checksAuth: true, checksAdminRole: true, checksReadonly: true };

/**
 * Middleware chains of §1. For the file routes SiYuan's router has no CheckReadonly on getFile
 * (reading works in a read-only kernel) and CheckReadonly on putFile and removeFile; all three
 * refuse the publish service's roles. forwardProxy is CheckAuth + CheckAdminRole, without
 * CheckReadonly; version has no middleware and answers GET as well (kernel/api/router.go).
 * @type {Map<string, { guards: Guards, handler: Handler, methods?: string[] }>}
 */
const ROUTES = new Map([
  ["/api/system/version", { guards: PUBLIC, handler: getVersion, methods: ["GET", "POST"] }],
  ["/api/system/getConf", { guards: AUTH_ONLY, handler: getConf }],
  ["/api/network/forwardProxy", { guards: ADMIN, handler: forwardProxy }],
  ["/api/sync/createCloudSyncDir", { guards: ADMIN_WRITE, handler: createCloudSyncDir }],
  ["/api/sync/listCloudSyncDir", { guards: ADMIN, handler: listCloudSyncDir }],
  ["/api/sync/removeCloudSyncDir", { guards: ADMIN_WRITE, handler: removeCloudSyncDir }],
  ["/api/sync/setCloudSyncDir", { guards: ADMIN_WRITE, handler: setCloudSyncDir }],
  ["/api/sync/setSyncProvider", { guards: ADMIN_WRITE, handler: setSyncProvider }],
  ["/api/sync/getSyncInfo", { guards: ADMIN, handler: getSyncInfo }],
  ["/api/file/getFile", { guards: ADMIN, handler: getFile }],
  ["/api/file/putFile", { guards: ADMIN_WRITE, handler: putFile }],
  ["/api/file/removeFile", { guards: ADMIN_WRITE, handler: removeFile }],
]);

/** corsMiddleware (§2) sets these on every response. */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "origin, Content-Length, Content-Type, Authorization",
};

/** Authorization header prefixes CheckAuth accepts (§2 step 2). */
const TOKEN_PREFIXES = ["Token ", "token ", "Bearer ", "bearer "];
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * @param {import("node:http").IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {Reply} reply
 * @returns {string} the status for the log line
 */
function send(res, reply) {
  if ("drop" in reply) {
    // The connection breaks mid-answer. A connection that closes before any byte is retried by
    // browsers on another pooled socket, unseen by the page; a broken answer never is.
    res.writeHead(200, {
      ...CORS_HEADERS,
      "content-type": "application/json",
      "content-length": "64",
    });
    res.write('{"code":', () => res.socket?.destroy());
    return "dropped";
  }
  res.writeHead(reply.status, { ...CORS_HEADERS, ...reply.headers });
  res.end(reply.body);
  return String(reply.status);
}

/**
 * @param {string} name
 * @param {unknown} value
 */
function requireAbsolutePath(name, value) {
  if (typeof value !== "string" || !path.isAbsolute(value)) {
    throw new Error(`createKernelDouble: ${name} must be an absolute path`);
  }
  return value;
}

/**
 * @param {KernelDoubleOptions} options
 * @returns {KernelDouble}
 */
export function createKernelDouble(options) {
  const cloudDir = requireAbsolutePath("cloudDir", options.cloudDir);
  const storageDir = requireAbsolutePath("storageDir", options.storageDir);
  const { token = "sandbox-token", log = () => {}, webdav } = options;
  fs.mkdirSync(cloudDir, { recursive: true });

  const state = defaultState();
  /** @type {Fault[]} */
  let pendingFaults = [];
  /** @type {Kernel} */
  const kernel = {
    state,
    cloudDir,
    storageDir,
    token,
    webdav,
    forwardTargets: new Set(webdav ? [new URL(webdav.url).origin] : []),
    providers: createProviders({ cloudDir, state, webdav }),
    push: (message) => log(`push: ${message}`),
  };

  /** @param {string} routePath */
  function takeFault(routePath) {
    const index = pendingFaults.findIndex(
      (fault) => fault.route === undefined || fault.route === routePath,
    );
    return index < 0 ? undefined : pendingFaults.splice(index, 1)[0];
  }

  /**
   * CheckAuth (§2) for a local request without a lock-screen password.
   * @param {import("node:http").IncomingMessage} req
   * @param {URLSearchParams} query
   * @returns {{ isAdmin: boolean } | { reply: Reply }}
   */
  function checkAuth(req, query) {
    if (state.publish) return { isAdmin: false }; // step 1: a valid Reader JWT of the publish service
    const header = req.headers.authorization ?? "";
    const prefix = TOKEN_PREFIXES.find((candidate) => header.startsWith(candidate));
    const candidates = [
      { given: prefix ? header.slice(prefix.length) : "", failure: AUTH_FAILED_HEADER },
      { given: query.get("token") ?? "", failure: AUTH_FAILED_QUERY },
    ];
    for (const { given, failure } of candidates) {
      if (given === "") continue;
      return given === token
        ? { isAdmin: true }
        : { reply: jsonReply(401, { code: -1, msg: failure }) };
    }
    return { isAdmin: true }; // step 4: local request, no lock-screen password
  }

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {string} routePath
   * @param {URLSearchParams} query
   * @returns {Promise<Reply>}
   */
  async function respond(req, routePath, query) {
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    if (req.method === "OPTIONS") return emptyReply(204);
    const fault = isFaultable(routePath) ? takeFault(routePath) : undefined;
    if (fault) return FAULT_REPLIES[fault.kind]();
    const route = ROUTES.get(routePath);
    if (!route || !(route.methods ?? ["POST"]).includes(req.method ?? "")) return notFoundReply();
    const auth = route.guards.checksAuth ? checkAuth(req, query) : { isAdmin: !state.publish };
    if ("reply" in auth) return auth.reply;
    const { isAdmin } = auth;
    if (route.guards.checksAdminRole && !isAdmin) return emptyReply(403); // CheckAdminRole
    if (route.guards.checksReadonly && (state.readonly || !isAdmin)) {
      // CheckReadonly answers with the full util.Result struct (§2).
      return jsonReply(200, {
        cmd: "",
        reqId: 0,
        app: "",
        sid: "",
        pushMode: 0,
        callback: "",
        code: -1,
        msg: language(34, state.lang),
        data: CLOSE_TIMEOUT,
      });
    }
    const request = {
      path: routePath,
      body: await readBody(req),
      contentType: req.headers["content-type"] ?? "",
      oldBodyRules: usesOldBodyRules(state.version),
      isAdmin,
    };
    return route.handler(request, kernel);
  }

  /** @returns {SandboxState} */
  const getState = () => ({
    ...structuredClone(state),
    pendingFaults: structuredClone(pendingFaults),
  });

  return {
    async handle(req, res) {
      const url = req.url ?? "";
      const queryStart = url.includes("?") ? url.indexOf("?") : url.length;
      const routePath = url.slice(0, queryStart);
      if (!routePath.startsWith("/api/")) return false;
      const started = performance.now();
      let status;
      try {
        status = send(
          res,
          await respond(req, routePath, new URLSearchParams(url.slice(queryStart + 1))),
        );
      } catch (error) {
        status = `500 (${/** @type {Error} */ (error).message})`;
        if (res.headersSent) res.destroy();
        else send(res, textReply(500, "Internal Server Error"));
      }
      // The path only: the query may carry ?token=, and headers are never logged.
      log(`${req.method} ${routePath} ${status} ${Math.round(performance.now() - started)}ms`);
      return true;
    },
    getState,
    setState(patch) {
      Object.assign(state, validatePatch(patch));
      return getState();
    },
    queueFault(fault) {
      pendingFaults.push(validateFault(fault));
    },
    reset() {
      Object.assign(state, defaultState());
      pendingFaults = [];
    },
    allowForwardTarget(origin) {
      const url = new URL(origin);
      if (!/^127\.\d+\.\d+\.\d+$|^\[::1\]$/.test(url.hostname) || url.origin !== origin) {
        throw new Error(
          `allowForwardTarget: ${origin} is not a loopback origin such as http://127.0.0.1:8080`,
        );
      }
      kernel.forwardTargets.add(origin);
    },
  };
}
