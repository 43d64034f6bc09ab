// @ts-check
/**
 * Who may talk to the sandbox, and what proxy mode may send to a real kernel. Pure rules, no I/O:
 * the sandbox holds a real admin token in proxy mode and answers as an admin in double mode, so
 * only the sandbox's own page (or a local tool such as curl) may drive it.
 */

/** Host names the sandbox answers to; a DNS-rebound name never matches. */
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/** Fetch metadata values of a request the page itself (or the user, by typing a URL) started. */
const OWN_FETCH_SITES = ["same-origin", "none"];

/**
 * Kernel routes proxy mode forwards: what the plugin (src/core/kernel-client.ts) and the host
 * page (sandbox/host/) call, plus the two the plugin's WebDAV support needs. `/api/petal/loadPetals`
 * is answered by the sandbox itself from the plugin folders.
 */
export const PROXY_ROUTES = Object.freeze([
  "/api/system/getConf",
  "/api/system/version",
  "/api/sync/listCloudSyncDir",
  "/api/sync/createCloudSyncDir",
  "/api/sync/setCloudSyncDir",
  "/api/sync/removeCloudSyncDir",
  "/api/sync/setSyncProvider",
  "/api/file/getFile",
  "/api/file/putFile",
  "/api/file/removeFile",
  "/api/network/forwardProxy",
]);

/**
 * Request headers passed on to the kernel; everything else (Cookie, Authorization, Origin,
 * X-Auth-Token, ...) stays behind.
 */
const FORWARDED_REQUEST_HEADERS = ["content-type", "content-length", "accept", "accept-language"];

/**
 * Response headers passed back to the page. CORS headers, Set-Cookie (a kernel session cookie for
 * 127.0.0.1 would also reach the real kernel's port), Content-Length (masking changes the size)
 * and hop-by-hop headers stay behind.
 */
const FORWARDED_RESPONSE_HEADERS = [
  "content-type",
  "content-disposition",
  "cache-control",
  "expires",
  "last-modified",
  "etag",
  "date",
];

/**
 * @typedef {import("node:http").IncomingHttpHeaders} Headers
 * @typedef {{ status: number, reason: string }} Refusal
 */

/** @param {number} port */
const ownHosts = (port) => LOOPBACK_HOSTS.map((host) => `${host}:${port}`);

/**
 * The Host check alone: enough for the host page's static files, which hold nothing secret,
 * and it defeats DNS rebinding (a rebound name arrives with its own Host).
 * @param {Headers} headers
 * @param {number} port the sandbox's listening port
 * @returns {Refusal | null}
 */
export function checkHost(headers, port) {
  const host = headers.host?.toLowerCase();
  if (host && ownHosts(port).includes(host)) return null;
  return { status: 403, reason: `Host ${JSON.stringify(headers.host ?? "")} is not the sandbox` };
}

/**
 * The full check for anything that acts or answers with kernel data (`/api/*`, `/__sandbox/*`):
 * the Host check, an Origin (when sent) of the sandbox itself, and fetch metadata that says the
 * page or the user started the request. A page of another site, even another port on 127.0.0.1
 * ("same-site"), is refused.
 * @param {Headers} headers
 * @param {number} port
 * @returns {Refusal | null}
 */
export function checkCaller(headers, port) {
  const hostRefusal = checkHost(headers, port);
  if (hostRefusal) return hostRefusal;
  const origin = headers.origin;
  if (origin !== undefined && !ownHosts(port).some((host) => origin === `http://${host}`)) {
    return { status: 403, reason: `Origin ${JSON.stringify(origin)} is not the sandbox` };
  }
  const site = headers["sec-fetch-site"];
  if (site !== undefined && !OWN_FETCH_SITES.includes(site)) {
    return { status: 403, reason: `a ${site} request is not the sandbox page's own` };
  }
  return null;
}

/**
 * Origin-form only, with exactly one leading `/`. URL parsers read `//other:9999/x` and
 * `/\\other/x` as another host, and `http://other/x` (absolute-form) or `*` name no path here.
 * @param {string | undefined} target the raw request target (`req.url`)
 * @returns {Refusal | null}
 */
export function checkTarget(target) {
  if (target?.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\")) return null;
  return { status: 400, reason: "the request target must be a path starting with a single /" };
}

/**
 * The configured kernel, checked once at start-up: http or https, an origin and nothing else
 * (the token has its own setting, and the kernel serves its API at the root).
 * @param {string} siyuanUrl
 */
export function parseKernelUrl(siyuanUrl) {
  let url;
  try {
    url = new URL(siyuanUrl);
  } catch {
    throw new Error(`SIYUAN_URL ${JSON.stringify(siyuanUrl)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`SIYUAN_URL must start with http:// or https://, not ${url.protocol}//`);
  }
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
    throw new Error(
      "SIYUAN_URL must be an origin such as http://127.0.0.1:6806, without credentials or a " +
        "path (the token goes in SIYUAN_TOKEN)",
    );
  }
  return url;
}

/**
 * The kernel URL for a request target: the kernel's origin plus the target's path and query,
 * or a refusal. Only origin-form targets with exactly one leading `/` pass, so `//other:9999/x`,
 * `/\other/x`, absolute-form `http://other/x` and `*` never choose where the token goes; the
 * final origin is compared once more before the caller adds the token.
 * @param {string} target the raw request target (`req.url`)
 * @param {URL} kernel
 * @returns {{ url: URL } | Refusal}
 */
export function kernelUrl(target, kernel) {
  const notPath = checkTarget(target);
  if (notPath) return notPath;
  let url;
  try {
    url = new URL(kernel.origin + target);
  } catch {
    return { status: 400, reason: "the request target is not a valid path" };
  }
  if (url.origin !== kernel.origin) {
    return { status: 400, reason: "the request target leaves the kernel" };
  }
  return { url };
}

/**
 * Whether proxy mode forwards this method and (normalized) path.
 * @param {string | undefined} method
 * @param {string} pathname
 * @returns {Refusal | null}
 */
export function checkProxyRoute(method, pathname) {
  if (method !== "POST") {
    return { status: 403, reason: `the sandbox proxy forwards POST only, not ${method}` };
  }
  if (!PROXY_ROUTES.includes(pathname)) {
    return { status: 403, reason: `the sandbox proxy does not forward ${pathname}` };
  }
  return null;
}

/**
 * Headers for the kernel: the allow-listed ones, the kernel's Host, and the token.
 * @param {Headers} headers
 * @param {URL} kernel
 * @param {string} token
 * @returns {Record<string, string>}
 */
export function kernelRequestHeaders(headers, kernel, token) {
  /** @type {Record<string, string>} */
  const forwarded = { host: kernel.host };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") forwarded[name] = value;
  }
  if (token) forwarded.authorization = `Token ${token}`;
  return forwarded;
}

/**
 * Headers for the page: the allow-listed ones, with the token replaced by `mask`.
 * @param {Headers} headers
 * @param {string} token
 * @param {string} mask
 * @returns {Record<string, string | string[]>}
 */
export function pageResponseHeaders(headers, token, mask) {
  /** @param {string} value */
  const masked = (value) => (token ? value.replaceAll(token, mask) : value);
  /** @type {Record<string, string | string[]>} */
  const forwarded = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") forwarded[name] = masked(value);
    else if (Array.isArray(value)) forwarded[name] = value.map(masked);
  }
  return forwarded;
}
