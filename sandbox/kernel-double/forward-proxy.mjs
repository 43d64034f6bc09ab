// @ts-check
/**
 * `POST /api/network/forwardProxy` (kernel/api/network.go): the kernel makes the HTTP request
 * itself and answers `{url, status, contentType, body, bodyEncoding, headers, elapsed}`, with an
 * upstream 4xx or 5xx still `code: 0`.
 *
 * The double forwards for real, but ONLY to an allow-list of loopback origins: the sandbox's own
 * WebDAV server, and servers a test registers in-process (`allowForwardTarget`). A general
 * forwarder would make the sandbox an open proxy: any web page or local process that reaches it
 * could make this machine send requests anywhere, including to other loopback services such as a
 * real SiYuan on 6806, which trusts local requests. Every other target, and every redirect that
 * leaves the list, is refused with a message that says it is the sandbox, not SiYuan, refusing.
 * Nothing about the request is logged here: its headers carry the WebDAV password.
 */
import http from "node:http";
import https from "node:https";
import { decodeJsonArg, readStringArg } from "./json-body.mjs";
import { resultReply } from "./replies.mjs";
import { compareVersions } from "./state.mjs";

/**
 * @typedef {import("./sync-api.mjs").Handler} Handler
 * @typedef {import("./replies.mjs").Reply} Reply
 * @typedef {{ status: number, headers: Record<string, string[]>, body: Buffer, location?: string }} Upstream
 * @typedef {"send" | "read"} FailureStage
 */

/** Kernel-side failures: `code` from v3.7.0 on, and what v3.6.x answered instead. */
const FAILURE_CODES = /** @satisfies {Record<string, [number, number]>} */ ({
  invalidUrl: [1, -1],
  scheme: [2, -1],
  "base64-std": [3, -2],
  "base64-url": [4, -2],
  "base32-std": [5, -2],
  "base32-hex": [6, -2],
  hex: [7, -2],
  send: [8, -1],
  read: [9, -1],
});
const NUMBERED_CODES_FROM = "3.7.0";
/** The private-address refusal arrived in v3.6.0 (GHSA-56cv-c5p2-j2wg) and was lifted in v3.7.3
 * except under --safe-mode (PR #18220). */
const ADDRESS_RULE_FROM = "3.6.0";
const ADDRESS_RULE_LIFTED_IN = "3.7.3";
/** `redirect: false` is read from v3.7.0 on; the default follows up to 3 redirects. */
const REDIRECT_OPTION_FROM = "3.7.0";
const MAX_REDIRECTS = 3;
const DEFAULT_TIMEOUT_MS = 7000;
const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** The model.Recover outcome of a Go type-assertion panic: the initial result, code 0. */
const panicReply = () => resultReply(0, "", null);

/**
 * @param {keyof typeof FAILURE_CODES} kind
 * @param {string} version
 * @param {string} msg
 */
function failure(kind, version, msg) {
  const [numbered, old] = FAILURE_CODES[kind];
  return resultReply(
    compareVersions(version, NUMBERED_CODES_FROM) >= 0 ? numbered : old,
    msg,
    null,
  );
}

/**
 * Go's urlErrorOp: "MKCOL" → "Mkcol".
 * @param {string} method
 */
const urlErrorOp = (method) => method.slice(0, 1) + method.slice(1).toLowerCase();

/**
 * textproto.CanonicalMIMEHeaderKey: "www-authenticate" → "Www-Authenticate".
 * @param {string} name
 */
const canonicalHeaderKey = (name) =>
  name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash, letter) => dash + letter.toUpperCase());

/**
 * fmt.Sprintf("%v", v) for the JSON values a header may carry: `[1 true]`, `map[a:1 b:x]`.
 * @param {unknown} value
 * @returns {string}
 */
function goFormat(value) {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goFormat).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).sort(([left], [right]) => (left < right ? -1 : 1));
    return `map[${entries.map(([key, item]) => `${key}:${goFormat(item)}`).join(" ")}]`;
  }
  return String(value);
}

const BASE32_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE32_HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

/**
 * RFC 4648 base32 with padding, as Go's base32.StdEncoding / HexEncoding.
 * @param {Buffer} bytes
 * @param {string} alphabet
 */
function encodeBase32(bytes, alphabet) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, "=");
}

/**
 * @param {string} text
 * @param {string} alphabet
 * @returns {Buffer | string} the bytes, or Go's error text
 */
function decodeBase32(text, alphabet) {
  const trimmed = text.replace(/=+$/, "");
  let bits = 0;
  let value = 0;
  /** @type {number[]} */
  const out = [];
  for (const [index, character] of [...trimmed].entries()) {
    const digit = alphabet.indexOf(character);
    if (digit < 0) return `illegal base32 data at input byte ${index}`;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return text.length % 8 === 0
    ? Buffer.from(out)
    : `illegal base32 data at input byte ${text.length}`;
}

/**
 * @param {string} text
 * @param {RegExp} alphabet  one character of the encoding
 * @param {BufferEncoding} encoding
 * @returns {Buffer | string}
 */
function decodeBase64(text, alphabet, encoding) {
  const body = text.replace(/={0,2}$/, "");
  const bad = [...body].findIndex((character) => !alphabet.test(character));
  if (bad >= 0) return `illegal base64 data at input byte ${bad}`;
  if (text.length % 4 !== 0) return `illegal base64 data at input byte ${text.length}`;
  return Buffer.from(text, encoding);
}

/**
 * @param {string} text
 * @returns {Buffer | string}
 */
function decodeHex(text) {
  const bad = [...text].find((character) => !/[0-9a-fA-F]/.test(character));
  if (bad) {
    const codePoint = /** @type {number} */ (bad.codePointAt(0));
    return `encoding/hex: invalid byte: U+${codePoint.toString(16).toUpperCase().padStart(4, "0")} ${JSON.stringify(bad).replaceAll('"', "'")}`;
  }
  if (text.length % 2 !== 0) return "encoding/hex: odd length hex string";
  return Buffer.from(text, "hex");
}

/** @type {Record<string, (text: string) => Buffer | string>} */
const PAYLOAD_DECODERS = {
  "base64-std": (text) => decodeBase64(text, /[A-Za-z0-9+/]/, "base64"),
  "base64-url": (text) => decodeBase64(text, /[A-Za-z0-9_-]/, "base64url"),
  "base32-std": (text) => decodeBase32(text, BASE32_STD),
  "base32-hex": (text) => decodeBase32(text, BASE32_HEX),
  hex: decodeHex,
};
/** @type {Record<string, string>} */
const ENCODING_ALIASES = { base64: "base64-std", base32: "base32-std" };

/** @type {Record<string, (body: Buffer) => string>} */
const RESPONSE_ENCODERS = {
  "base64-std": (body) => body.toString("base64"),
  "base64-url": (body) => body.toString("base64url").padEnd(Math.ceil(body.length / 3) * 4, "="),
  "base32-std": (body) => encodeBase32(body, BASE32_STD),
  "base32-hex": (body) => encodeBase32(body, BASE32_HEX),
  hex: (body) => body.toString("hex"),
};

/**
 * The IP literal of an allowed loopback URL, or null: the only targets the sandbox forwards to.
 * @param {URL} url
 * @param {ReadonlySet<string>} allowedOrigins
 */
function allowedLoopbackAddress(url, allowedOrigins) {
  if (!allowedOrigins.has(url.origin)) return null;
  const host = url.hostname;
  if (LOOPBACK_V4.test(host)) return host;
  return host === "[::1]" ? "::1" : null;
}

/**
 * One HTTP exchange with the target, within the deadline.
 * @param {{ method: string, url: URL, headers: Map<string, [string, string]>, body: Buffer | null, deadline: number }} request
 * @returns {Promise<Upstream>}
 */
function exchange({ method, url, headers, body, deadline }) {
  return new Promise((resolve, reject) => {
    /** @type {Record<string, string>} */
    const outgoing = Object.fromEntries([...headers.values()]);
    // Go sends no body here; Node would otherwise announce a chunked one.
    outgoing["Content-Length"] = String(body?.length ?? 0);
    const client = url.protocol === "https:" ? https : http;
    /** @type {FailureStage} */
    let stage = "send";
    const request = client.request(url, {
      method,
      headers: outgoing,
      signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
    });
    request.on("error", (error) => reject(Object.assign(error, { stage })));
    request.on("response", (response) => {
      stage = "read";
      /** @type {Buffer[]} */
      const chunks = [];
      response.on("data", (/** @type {Buffer} */ chunk) => chunks.push(chunk));
      response.on("error", (error) => reject(Object.assign(error, { stage })));
      response.on("end", () => {
        /** @type {Record<string, string[]>} */
        const grouped = {};
        const raw = response.rawHeaders;
        for (let index = 0; index < raw.length; index += 2) {
          const key = canonicalHeaderKey(/** @type {string} */ (raw[index]));
          if (key === "Transfer-Encoding") continue; // Go moves it out of resp.Header
          (grouped[key] ??= []).push(/** @type {string} */ (raw[index + 1]));
        }
        resolve({
          status: response.statusCode ?? 0,
          headers: grouped,
          body: Buffer.concat(chunks),
          location: response.headers.location,
        });
      });
    });
    request.end(body ?? undefined);
  });
}

/**
 * Go's error text for a failed exchange, after `Op "url": `.
 * @param {Error & { code?: string, stage?: FailureStage }} error
 * @param {URL} url
 */
function goNetError(error, url) {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const address = `${url.hostname}:${port}`;
  if (error.name === "TimeoutError" || error.name === "AbortError") {
    return error.stage === "read"
      ? "context deadline exceeded (Client.Timeout or context cancellation while reading body)"
      : "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
  }
  if (error.code === "ECONNREFUSED") return `dial tcp ${address}: connect: connection refused`;
  if (error.code === "ECONNRESET") return error.stage === "read" ? "unexpected EOF" : "EOF";
  return error.message;
}

/**
 * @param {Record<string, unknown>} arg
 * @returns {Map<string, [string, string]> | null} canonical key → [name, value]; null on a Go panic
 */
function readHeaders(arg) {
  /** @type {Map<string, [string, string]>} */
  const headers = new Map();
  if (Array.isArray(arg.headers)) {
    for (const pair of arg.headers) {
      if (typeof pair !== "object" || pair === null || Array.isArray(pair)) continue;
      for (const [name, value] of Object.entries(pair)) {
        headers.set(canonicalHeaderKey(name), [canonicalHeaderKey(name), goFormat(value)]);
      }
    }
  }
  const contentType = arg.contentType ?? "application/json";
  if (typeof contentType !== "string") return null;
  headers.set("Content-Type", ["Content-Type", contentType]);
  headers.delete("Host"); // Go takes the Host from the URL, never from the header map
  return headers;
}

/**
 * The request body per payloadEncoding: `text` sends none (a case without fall-through), the
 * default `json` sends a string as is and anything else as JSON, and no `payload` means no body.
 * @param {Record<string, unknown>} arg
 * @returns {{ body: Buffer | null } | { decodeError: [keyof typeof FAILURE_CODES, string] } | null}
 */
function readPayload(arg) {
  const encoding = arg.payloadEncoding ?? "json";
  if (typeof encoding !== "string") return null;
  const canonical = ENCODING_ALIASES[encoding] ?? encoding;
  const decode = PAYLOAD_DECODERS[canonical];
  if (decode) {
    if (typeof arg.payload !== "string") return null;
    const decoded = decode(arg.payload);
    if (typeof decoded === "string") {
      const kind = /** @type {keyof typeof FAILURE_CODES} */ (canonical);
      return { decodeError: [kind, `decode ${canonical} payload failed: ${decoded}`] };
    }
    return { body: decoded };
  }
  if (encoding === "text" || arg.payload === undefined || arg.payload === null) {
    return { body: null };
  }
  const payload = arg.payload;
  return { body: Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload)) };
}

/**
 * Go's http.Client redirect rules: 301/302/303 turn any method but GET/HEAD into a bodiless GET,
 * 307/308 repeat the request; Authorization is dropped when the host changes.
 * @param {{ method: string, body: Buffer | null, headers: Map<string, [string, string]> }} request
 * @param {number} status
 * @param {URL} from
 * @param {URL} to
 */
function redirected(request, status, from, to) {
  const keepsMethod = status === 307 || status === 308;
  const headers = new Map(request.headers);
  if (from.host !== to.host) headers.delete("Authorization");
  if (keepsMethod) return { ...request, headers };
  const method = request.method === "HEAD" ? "HEAD" : "GET";
  return { method, body: null, headers };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Whether this kernel refuses to dial a private address (every loopback target is one).
 * @param {{ version: string, safeMode: boolean }} state
 */
function refusesPrivateAddress({ version, safeMode }) {
  if (compareVersions(version, ADDRESS_RULE_FROM) < 0) return false;
  return compareVersions(version, ADDRESS_RULE_LIFTED_IN) < 0 || safeMode;
}

/** @type {Handler} */
export async function forwardProxy(request, { state, forwardTargets }) {
  const urlArg = readStringArg(request, "url");
  if ("reply" in urlArg) return urlArg.reply;
  const decoded = decodeJsonArg(request.body);
  const arg = "arg" in decoded && decoded.arg ? decoded.arg : {};
  const destUrl = urlArg.value;
  /** @type {URL} */
  let url;
  try {
    if (!/^[a-z][a-z0-9+.-]*:|^\//i.test(destUrl)) throw new Error("relative");
    url = new URL(destUrl);
  } catch {
    return failure("invalidUrl", state.version, "invalid [url]");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return failure("scheme", state.version, "only http/https is allowed");
  }
  if (arg.method !== undefined && arg.method !== null && typeof arg.method !== "string") {
    return panicReply();
  }
  const method = typeof arg.method === "string" ? arg.method.toUpperCase() : "POST";
  let timeout = DEFAULT_TIMEOUT_MS;
  if (arg.timeout !== undefined && arg.timeout !== null) {
    if (typeof arg.timeout !== "number") return panicReply();
    timeout = Math.trunc(arg.timeout) < 1 ? DEFAULT_TIMEOUT_MS : Math.trunc(arg.timeout);
  }
  const headers = readHeaders(arg);
  const payload = readPayload(arg);
  if (!headers || !payload) return panicReply();
  if ("decodeError" in payload) {
    const [kind, msg] = payload.decodeError;
    return failure(kind, state.version, msg);
  }
  const followsRedirects =
    arg.redirect !== false || compareVersions(state.version, REDIRECT_OPTION_FROM) < 0;

  const started = Date.now();
  const deadline = started + timeout;
  let current = { method, body: payload.body, headers };
  let target = url;
  for (let redirects = 0; ; redirects++) {
    const sendFailed = (/** @type {string} */ detail) =>
      failure(
        "send",
        state.version,
        `forward request failed: ${urlErrorOp(method)} ${JSON.stringify(target.href === url.href ? destUrl : target.href)}: ${detail}`,
      );
    const ip = allowedLoopbackAddress(target, forwardTargets);
    if (ip === null) {
      return sendFailed(
        `the sandbox's kernel double forwards only to its own WebDAV server (and loopback ` +
          `servers its tests register), not to [${target.host}]: it must not become an open ` +
          `proxy. The real kernel would try.`,
      );
    }
    if (refusesPrivateAddress(state)) {
      const port = target.port || (target.protocol === "https:" ? "443" : "80");
      const dialAddress = ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
      return sendFailed(`dial tcp ${dialAddress}: ip address [${ip}] is prohibited`);
    }
    /** @type {Upstream} */
    let upstream;
    try {
      upstream = await exchange({ ...current, url: target, deadline });
    } catch (error) {
      const netError = /** @type {Error & { stage?: FailureStage }} */ (error);
      const detail = goNetError(netError, target);
      if (netError.stage === "read") {
        return failure("read", state.version, `read response body failed: ${detail}`);
      }
      return sendFailed(detail);
    }
    if (followsRedirects && REDIRECT_STATUSES.has(upstream.status) && upstream.location) {
      const next = new URL(upstream.location, target);
      if (redirects + 1 > MAX_REDIRECTS) {
        target = next;
        return sendFailed(`stopped after ${MAX_REDIRECTS} redirects`);
      }
      current = redirected(current, upstream.status, target, next);
      target = next;
      continue;
    }
    const requested = typeof arg.responseEncoding === "string" ? arg.responseEncoding : "text";
    const canonical = ENCODING_ALIASES[requested] ?? requested;
    const encode = RESPONSE_ENCODERS[canonical];
    return resultReply(0, "", {
      url: destUrl,
      status: upstream.status,
      contentType: upstream.headers["Content-Type"]?.[0] ?? "",
      body: encode ? encode(upstream.body) : upstream.body.toString("utf8"),
      bodyEncoding: encode ? requested : "text",
      headers: upstream.headers,
      elapsed: Date.now() - started,
    });
  }
}
