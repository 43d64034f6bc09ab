// @ts-check
/**
 * Proxy mode: forwards the allow-listed kernel routes to a real SiYuan with its API token added
 * here, never in the page. Bodies stream both ways under a size cap, and the token is masked in
 * everything that comes back (getConf returns `conf.api.token`).
 */
import http from "node:http";
import https from "node:https";
import { PassThrough, Transform, pipeline } from "node:stream";
import {
  checkProxyRoute,
  kernelRequestHeaders,
  kernelUrl,
  pageResponseHeaders,
} from "./request-guard.mjs";

/** Replaces the real kernel token in proxied bodies and headers. */
export const TOKEN_MASK = "********";
/** Largest body streamed either way; the kernel's answers to the allowed routes stay far below. */
export const PROXY_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * @typedef {object} ProxyOptions
 * @property {URL} kernel the real kernel (http: or https:)
 * @property {string} token
 * @property {boolean} insecureTls accept a self-signed certificate from an https kernel
 * @property {number} bodyLimit
 * @property {(line: string) => void} log
 */

export class BodyTooLargeError extends Error {}

/**
 * Passes bytes through until more than `limit` went by, then calls `onExceeded` and fails the
 * stream.
 * @param {number} limit
 * @param {() => void} [onExceeded]
 */
export function byteLimit(limit, onExceeded) {
  let seen = 0;
  return new Transform({
    transform(chunk, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) {
        onExceeded?.();
        done(new BodyTooLargeError(`the body exceeds ${limit} bytes`));
      } else done(null, chunk);
    },
  });
}

/**
 * Replaces every occurrence of `token` with `mask`, also when a chunk boundary splits it: the
 * last token.length - 1 bytes after the last match wait for the next chunk.
 * @param {string} token non-empty
 * @param {string} mask
 */
export function tokenMask(token, mask) {
  const needle = Buffer.from(token);
  const replacement = Buffer.from(mask);
  let carry = Buffer.alloc(0);
  return new Transform({
    transform(chunk, _encoding, done) {
      const data = Buffer.concat([carry, chunk]);
      /** @type {Buffer[]} */
      const parts = [];
      let start = 0;
      for (let at = data.indexOf(needle); at >= 0; at = data.indexOf(needle, start)) {
        parts.push(data.subarray(start, at), replacement);
        start = at + needle.length;
      }
      const keepFrom = Math.max(start, data.length - (needle.length - 1));
      parts.push(data.subarray(start, keepFrom));
      carry = Buffer.from(data.subarray(keepFrom));
      done(null, Buffer.concat(parts));
    },
    flush(done) {
      done(null, carry);
    },
  });
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} msg
 */
function sendError(res, status, msg) {
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    // The request body may be left unread; the connection must not carry another request.
    connection: "close",
  });
  res.end(JSON.stringify({ code: -1, msg, data: null }));
}

/**
 * Forwards one request, or refuses it: 400 for a target that is not a plain path, 403 for a
 * method or route outside the allow-list, 413 for a request body over the limit, 502 when the
 * kernel cannot be reached or answers with something the proxy cannot mask or cap.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {ProxyOptions} options
 */
export function proxyToKernel(req, res, { kernel, token, insecureTls, bodyLimit, log }) {
  /** @param {import("./request-guard.mjs").Refusal} refusal */
  const refuse = ({ status, reason }) => {
    log(`refused ${req.method} ${req.url?.split("?")[0]}: ${reason}`);
    sendError(res, status, reason);
  };
  const target = kernelUrl(req.url ?? "", kernel);
  if (!("url" in target)) return refuse(target);
  const routeRefusal = checkProxyRoute(req.method, target.url.pathname);
  if (routeRefusal) return refuse(routeRefusal);
  if (Number(req.headers["content-length"]) > bodyLimit) {
    return refuse({ status: 413, reason: `the request body exceeds ${bodyLimit} bytes` });
  }
  /** @param {string} line */
  const masked = (line) => (token ? line.replaceAll(token, TOKEN_MASK) : line);
  const route = target.url.pathname;
  const transport = target.url.protocol === "https:" ? https : http;
  const upstream = transport.request(
    target.url,
    {
      method: "POST",
      headers: kernelRequestHeaders(req.headers, kernel, token),
      rejectUnauthorized: !insecureTls,
    },
    (upstreamRes) => {
      const encoding = upstreamRes.headers["content-encoding"];
      if (encoding && encoding !== "identity") {
        upstreamRes.destroy();
        return sendError(res, 502, `the kernel sent a ${encoding} body, which cannot be masked`);
      }
      if (Number(upstreamRes.headers["content-length"]) > bodyLimit) {
        upstreamRes.destroy();
        return sendError(res, 502, `the kernel's answer exceeds ${bodyLimit} bytes`);
      }
      res.writeHead(
        upstreamRes.statusCode ?? 502,
        pageResponseHeaders(upstreamRes.headers, token, TOKEN_MASK),
      );
      const mask = token ? tokenMask(token, TOKEN_MASK) : new PassThrough();
      pipeline(upstreamRes, byteLimit(bodyLimit), mask, res, (error) => {
        if (!error) return;
        // Headers are out, so the only honest signal left is a broken connection.
        log(`proxy ${route}: answer cut off: ${masked(error.message)}`);
        upstream.destroy();
        res.destroy();
      });
    },
  );
  let requestTooLarge = false;
  upstream.on("error", (error) => {
    if (requestTooLarge) return; // answered below with 413
    const code = /** @type {NodeJS.ErrnoException} */ (error).code ?? "";
    const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
      ? " (SIYUAN_INSECURE_TLS=1 accepts a self-signed certificate)"
      : "";
    log(`proxy ${route}: ${masked(error.message)}`);
    sendError(
      res,
      502,
      `Sandbox proxy cannot reach ${kernel.origin}: ${masked(error.message)}${hint}`,
    );
  });
  // On any failure pipeline destroys the kernel request; a gone client needs no answer, and a
  // failed kernel request is answered by its error handler above.
  const requestLimit = byteLimit(bodyLimit, () => (requestTooLarge = true));
  pipeline(req, requestLimit, upstream, () => {
    if (requestTooLarge) sendError(res, 413, `the request body exceeds ${bodyLimit} bytes`);
  });
}
