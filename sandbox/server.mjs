// @ts-check
/**
 * Sandbox host server: serves a page that loads plugins from disk the way SiYuan does,
 * and answers `/api/*` with the kernel double (or proxies to a real kernel).
 *
 * Run directly (`node sandbox/server.mjs`) or import `startSandbox` for in-process use.
 * Env: PORT, PLUGIN_DIR, SANDBOX_DIR, SANDBOX_STORAGE_DIR, SANDBOX_WEBDAV_DIR,
 * SANDBOX_EXTRA_PLUGIN_DIRS (path-delimiter separated), SIYUAN_URL + SIYUAN_TOKEN (proxy mode),
 * SIYUAN_INSECURE_TLS=1 (accept a self-signed certificate from an https SIYUAN_URL).
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PROXY_BODY_LIMIT, proxyToKernel } from "./proxy.mjs";
import { checkCaller, checkHost, checkTarget, parseKernelUrl } from "./request-guard.mjs";

const hostDir = fileURLToPath(new URL("./host/", import.meta.url));
/** A real SiYuan usually listens here; never shadow it. */
const SIYUAN_DEFAULT_PORT = 6806;
const CONTROL_BODY_LIMIT = 1024 * 1024;
const RELOAD_DEBOUNCE_MS = 300;
const WATCH_RETRY_MS = 500;
const SSE_KEEPALIVE_MS = 25_000;

/** @type {Record<string, string>} */
const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".md": "text/markdown; charset=utf-8",
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
};

/**
 * @typedef {object} SandboxOptions
 * @property {number} [port] 0 picks a free port; default 6816.
 * @property {string} [pluginDir] the main plugin folder (default ./dist).
 * @property {string[]} [extraPluginDirs] more plugin folders served beside it.
 * @property {string} [cloudDir] Local provider endpoint of the kernel double.
 * @property {string} [storageDir] fake workspace root of the kernel double.
 * @property {string} [webdavDir] folder served by the sandbox's WebDAV server (provider 3);
 *   default: `webdav` beside cloudDir.
 * @property {string} [siyuanUrl] proxy `/api/*` to this kernel instead of the double.
 * @property {string} [siyuanToken] API token added server-side in proxy mode.
 * @property {boolean} [siyuanInsecureTls] accept a self-signed certificate from an https kernel.
 * @property {number} [proxyBodyLimit] largest proxied body in bytes (default 16 MiB).
 * @property {(line: string) => void} [log]
 */

/**
 * @typedef {object} KernelDouble
 * @property {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>} handle
 * @property {() => Record<string, any>} getState
 * @property {(patch: object) => unknown} setState
 * @property {(fault: {kind: string, route?: string}) => unknown} queueFault
 * @property {() => unknown} reset
 */

/**
 * @typedef {object} PluginFolder
 * @property {string} name from plugin.json
 * @property {string} dir absolute path
 * @property {Record<string, any>} manifest parsed plugin.json
 */

/** A request error whose message is safe to show to the client. */
class ClientError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(body));
}

/** @param {http.IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req, limit = CONTROL_BODY_LIMIT) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on("data", (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new ClientError(413, "request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** @param {http.IncomingMessage} req @returns {Promise<any>} */
async function readJson(req) {
  const text = (await readBody(req)).toString("utf8").trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ClientError(400, "request body is not valid JSON");
  }
}

/**
 * Resolves `relative` inside `root`, refusing anything that escapes it.
 * @param {string} root @param {string} relative
 */
function resolveInside(root, relative) {
  root = path.resolve(root);
  const target = path.resolve(root, "." + path.posix.normalize("/" + relative));
  return target === root || target.startsWith(root + path.sep) ? target : null;
}

/**
 * @param {http.ServerResponse} res
 * @param {string | null} file
 */
function sendFile(res, file) {
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    sendJson(res, 404, { code: -1, msg: "not found", data: null });
    return;
  }
  const type = contentTypes[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
  fs.createReadStream(file).pipe(res);
}

/** @param {string} dir @returns {PluginFolder | null} */
function readPluginFolder(dir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "plugin.json"), "utf8"));
    return typeof manifest.name === "string" ? { name: manifest.name, dir, manifest } : null;
  } catch {
    return null;
  }
}

/** @param {string} file */
function readOptional(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

/**
 * The kernel's i18n choice: requested language, then en_US, then zh_CN, then the first json.
 * @param {string} dir @param {string} lang
 */
function pickI18n(dir, lang) {
  const i18nDir = path.join(dir, "i18n");
  if (!fs.existsSync(i18nDir)) return {};
  const files = fs
    .readdirSync(i18nDir)
    .filter((file) => file.endsWith(".json"))
    .sort();
  const chosen =
    [lang, "en_US", "zh_CN"].map((code) => `${code}.json`).find((f) => files.includes(f)) ??
    files[0];
  return chosen ? JSON.parse(fs.readFileSync(path.join(i18nDir, chosen), "utf8")) : {};
}

/**
 * The kernel's locale choice for displayName: language, default, en, en_US, then name.
 * @param {PluginFolder} plugin @param {string} lang
 */
function pickDisplayName(plugin, lang) {
  const names = plugin.manifest.displayName;
  if (typeof names === "string") return names;
  return names?.[lang] || names?.default || names?.en || names?.en_US || plugin.name;
}

/**
 * True when plugin.json's `frontends` admits this frontend (missing/empty/"all" admit all).
 * @param {Record<string, any>} manifest @param {string} frontend
 */
function supportsFrontend(manifest, frontend) {
  const frontends = manifest.frontends;
  return (
    !Array.isArray(frontends) ||
    frontends.length === 0 ||
    frontends.includes("all") ||
    frontends.includes(frontend)
  );
}

/**
 * Builds the loadPetals answer for the given folders, with files inlined like the kernel does.
 * @param {PluginFolder[]} plugins
 * @param {{frontend: string, lang: string, isPublish: boolean, log: (line: string) => void}} request
 */
function buildPetals(plugins, { frontend, lang, isPublish, log }) {
  return plugins.flatMap((plugin) => {
    if (!supportsFrontend(plugin.manifest, frontend)) return [];
    if (isPublish && plugin.manifest.disabledInPublish === true) return [];
    const js = readOptional(path.join(plugin.dir, "index.js"));
    if (!js) {
      log(`plugin ${plugin.name}: index.js is missing in ${plugin.dir}`);
      return [];
    }
    return [
      {
        name: plugin.name,
        displayName: pickDisplayName(plugin, lang),
        enabled: true,
        incompatible: false,
        disabledInPublish: plugin.manifest.disabledInPublish === true,
        js,
        css: readOptional(path.join(plugin.dir, "index.css")),
        i18n: pickI18n(plugin.dir, lang),
      },
    ];
  });
}

/**
 * Watches a plugin folder (which a rebuild may delete and recreate) and calls `onChange`,
 * debounced. Returns a stop function.
 * @param {string} dir @param {() => void} onChange
 */
function watchFolder(dir, onChange) {
  /** @type {fs.FSWatcher | undefined} */
  let watcher;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  let stopped = false;
  const schedule = (/** @type {() => void} */ action, /** @type {number} */ delay) => {
    clearTimeout(timer);
    timer = setTimeout(action, delay);
  };
  const rearm = () => {
    watcher?.close();
    watcher = undefined;
    if (!stopped) schedule(arm, WATCH_RETRY_MS);
  };
  const arm = () => {
    if (stopped) return;
    if (!fs.existsSync(dir)) return rearm();
    try {
      watcher = fs.watch(dir, { recursive: true }, () => {
        if (!fs.existsSync(dir)) return rearm();
        schedule(onChange, RELOAD_DEBOUNCE_MS);
      });
      watcher.on("error", rearm);
    } catch {
      rearm();
    }
  };
  arm();
  return () => {
    stopped = true;
    clearTimeout(timer);
    watcher?.close();
  };
}

/**
 * Sandbox control routes for the kernel double; each answers with the double's new state.
 * @type {Record<string, (kernel: KernelDouble, body: any) => void>}
 */
const controlRoutes = {
  "GET /__sandbox/state": () => {},
  "POST /__sandbox/state": (kernel, body) => kernel.setState(body),
  "POST /__sandbox/fault": (kernel, body) => kernel.queueFault(body),
  "POST /__sandbox/reset": (kernel) => kernel.reset(),
};

/**
 * Starts the sandbox host server.
 * @param {SandboxOptions} [options]
 * @returns {Promise<{url: string, port: number, cloudDir: string, storageDir: string, webdavDir: string, close: () => Promise<void>}>}
 */
export async function startSandbox(options = {}) {
  const port = options.port ?? 6816;
  if (port === SIYUAN_DEFAULT_PORT) {
    throw new Error(
      `Port ${SIYUAN_DEFAULT_PORT} is SiYuan's own kernel port; the sandbox refuses it so it never shadows a real SiYuan. Use another PORT (default 6816).`,
    );
  }
  const log = options.log ?? (() => {});
  const cloudDir = path.resolve(options.cloudDir ?? ".sandbox/cloud");
  const storageDir = path.resolve(options.storageDir ?? ".sandbox/workspace");
  // Beside the Local folder by default, so a caller that isolates cloudDir isolates this too.
  const webdavDir = path.resolve(options.webdavDir ?? path.join(path.dirname(cloudDir), "webdav"));
  const pluginDirs = [options.pluginDir ?? "dist", ...(options.extraPluginDirs ?? [])].map((dir) =>
    path.resolve(dir),
  );
  const proxyTarget = options.siyuanUrl ? parseKernelUrl(options.siyuanUrl) : undefined;
  const proxyOptions = proxyTarget && {
    kernel: proxyTarget,
    token: options.siyuanToken ?? "",
    insecureTls: options.siyuanInsecureTls === true,
    bodyLimit: options.proxyBodyLimit ?? PROXY_BODY_LIMIT,
    log,
  };
  /** Set once the server listens; the guard compares Host and Origin with it. */
  let listeningPort = 0;

  /** @type {KernelDouble | undefined} the double is only needed (and loaded) outside proxy mode */
  let kernel;
  /** @type {import("./webdav-server.mjs").WebdavServer | undefined} behind the double's provider 3 */
  let webdav;
  if (!proxyTarget) {
    fs.mkdirSync(cloudDir, { recursive: true });
    fs.mkdirSync(storageDir, { recursive: true });
    const { startWebdavServer } = await import("./webdav-server.mjs");
    webdav = await startWebdavServer({ rootDir: webdavDir });
    const { createKernelDouble } = await import("./kernel-double.mjs");
    kernel = /** @type {KernelDouble} */ (
      createKernelDouble({ cloudDir, storageDir, log, webdav })
    );
  }

  /** Plugin folders are re-read per request, so a rebuild (or a renamed plugin) is picked up. */
  const pluginFolders = () =>
    pluginDirs.flatMap((dir) => {
      const folder = readPluginFolder(dir);
      if (!folder) log(`no plugin.json with a name in ${dir}; skipped`);
      return folder ? [folder] : [];
    });

  /** @type {Set<http.ServerResponse>} */
  const eventStreams = new Set();
  const broadcastReload = () => {
    log("plugin files changed: reloading open pages");
    for (const stream of eventStreams) stream.write("event: reload\ndata: {}\n\n");
  };
  const stopWatchers = pluginDirs.map((dir) => watchFolder(dir, broadcastReload));
  const keepalive = setInterval(() => {
    for (const stream of eventStreams) stream.write(": keepalive\n\n");
  }, SSE_KEEPALIVE_MS);

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const openEventStream = (req, res) => {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    res.write(": connected\n\n");
    eventStreams.add(res);
    req.on("close", () => eventStreams.delete(res));
  };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const servePetals = async (req, res) => {
    const body = await readJson(req);
    const lang = body.lang === "zh_CN" || body.lang === "en_US" ? body.lang : "en_US";
    const isPublish = Boolean(kernel?.getState().publish);
    const frontend = typeof body.frontend === "string" ? body.frontend : "browser-desktop";
    sendJson(res, 200, {
      code: 0,
      msg: "",
      data: buildPetals(pluginFolders(), { frontend, lang, isPublish, log }),
    });
  };

  /**
   * The host page's files hold nothing secret, so any page may load them; only the Host check
   * (against DNS rebinding) applies. Everything else acts or answers as the kernel: the caller
   * must be the sandbox's own page or a local tool.
   * @param {http.IncomingMessage} req
   * @param {string} pathname as the router sees it (dot segments resolved)
   */
  const checkRequester = (req, pathname) => {
    const isStaticFile =
      req.method === "GET" &&
      (pathname === "/" ||
        pathname === "/index.html" ||
        pathname.startsWith("/sandbox/") ||
        pathname.startsWith("/plugins/"));
    return isStaticFile
      ? checkHost(req.headers, listeningPort)
      : checkCaller(req.headers, listeningPort);
  };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const route = async (req, res) => {
    // Only an origin-form target may be parsed: "//host/x" would parse as another host.
    const badTarget = checkTarget(req.url);
    const pathname = badTarget ? "" : new URL(req.url ?? "/", "http://sandbox.invalid").pathname;
    const refusal = badTarget ?? checkRequester(req, pathname);
    if (refusal) {
      log(`refused ${req.method} ${req.url?.split("?")[0]}: ${refusal.reason}`);
      return sendJson(res, refusal.status, { code: -1, msg: refusal.reason, data: null });
    }
    if (req.method === "GET" && (pathname === "/" || pathname === "/index.html")) {
      return sendFile(res, path.join(hostDir, "index.html"));
    }
    if (req.method === "GET" && pathname.startsWith("/sandbox/")) {
      return sendFile(res, resolveInside(hostDir, pathname.slice("/sandbox/".length)));
    }
    if (req.method === "GET" && pathname.startsWith("/plugins/")) {
      const [, , name = "", ...rest] = pathname.split("/");
      const folder = pluginFolders().find((plugin) => plugin.name === decodeURIComponent(name));
      return sendFile(
        res,
        folder ? resolveInside(folder.dir, decodeURIComponent(rest.join("/"))) : null,
      );
    }
    if (pathname === "/api/petal/loadPetals") return servePetals(req, res);
    if (pathname.startsWith("/api/")) {
      if (proxyOptions) return proxyToKernel(req, res, proxyOptions);
      if (kernel && (await kernel.handle(req, res))) return;
      return sendJson(res, 404, { code: -1, msg: `unknown API ${pathname}`, data: null });
    }
    if (req.method === "GET" && pathname === "/__sandbox/events") return openEventStream(req, res);
    if (req.method === "GET" && pathname === "/__sandbox/info") {
      return sendJson(res, 200, {
        mode: proxyTarget ? "proxy" : "double",
        proxyTarget: proxyTarget?.origin ?? null,
        cloudDir,
        storageDir,
        webdavDir: webdav ? webdavDir : null,
        plugins: pluginFolders().map((plugin) => plugin.name),
      });
    }
    const control = controlRoutes[`${req.method} ${pathname}`];
    if (control) {
      if (!kernel) throw new ClientError(409, "proxy mode: the kernel double is not in use");
      const body = req.method === "POST" ? await readJson(req) : undefined;
      try {
        control(kernel, body);
      } catch (error) {
        throw new ClientError(400, error instanceof Error ? error.message : String(error));
      }
      return sendJson(res, 200, kernel.getState());
    }
    sendJson(res, 404, { code: -1, msg: "not found", data: null });
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error) => {
      const status = error instanceof ClientError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 500) log(`error on ${req.method} ${req.url}: ${message}`);
      if (res.headersSent) res.destroy();
      else sendJson(res, status, { message });
    });
  });

  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve(undefined));
    });
  } catch (error) {
    await webdav?.close();
    throw error;
  }
  const address = server.address();
  listeningPort = typeof address === "object" && address ? address.port : port;
  const url = `http://127.0.0.1:${listeningPort}/`;

  return {
    url,
    port: listeningPort,
    cloudDir,
    storageDir,
    webdavDir,
    close: async () => {
      clearInterval(keepalive);
      for (const stop of stopWatchers) stop();
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await webdav?.close();
    },
  };
}

/** CLI entry: configuration from the environment, clean shutdown on signals. */
async function main() {
  const env = process.env;
  try {
    const sandbox = await startSandbox({
      port: env.PORT ? Number(env.PORT) : undefined,
      pluginDir: env.PLUGIN_DIR,
      extraPluginDirs: env.SANDBOX_EXTRA_PLUGIN_DIRS?.split(path.delimiter).filter(Boolean),
      cloudDir: env.SANDBOX_DIR,
      storageDir: env.SANDBOX_STORAGE_DIR,
      webdavDir: env.SANDBOX_WEBDAV_DIR,
      siyuanUrl: env.SIYUAN_URL,
      siyuanToken: env.SIYUAN_TOKEN,
      siyuanInsecureTls: env.SIYUAN_INSECURE_TLS === "1",
      log: (line) => console.log(`[sandbox] ${line}`),
    });
    if (env.SIYUAN_URL) {
      const tls = env.SIYUAN_INSECURE_TLS === "1" ? " (any TLS certificate accepted)" : "";
      console.log(
        `Proxy mode: the plugin's kernel routes are forwarded to ${new URL(env.SIYUAN_URL).origin}${tls}`,
      );
    } else {
      console.log(`Kernel double: Local provider folder ${sandbox.cloudDir}`);
      console.log(`WebDAV provider: a webdav-server on loopback serving ${sandbox.webdavDir}`);
    }
    console.log(`Sandbox: ${sandbox.url}`);
    const shutdown = () => {
      sandbox.close().then(() => process.exit(0));
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  } catch (error) {
    console.error(`Sandbox failed to start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
