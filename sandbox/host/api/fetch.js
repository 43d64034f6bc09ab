// @ts-check
/**
 * `fetchPost`, `fetchSyncPost`, `fetchGet` with SiYuan's semantics (docs/siyuan-plugin-platform.md
 * §1.9, docs/siyuan-sync-api.md §9): same-origin, no token, synthesized results for 401/403/404,
 * `code < 0` becomes a toast and the callback is skipped.
 */
import { flags } from "../runtime.js";
import { showMessage } from "./message.js";

/** SiYuan reloads the page this long after an HTTP 401. */
const UNAUTHORIZED_RELOAD_MS = 3000;

/**
 * @typedef {{code: number, msg: string, data: any}} KernelResponse
 */

/**
 * @param {unknown} data JSON-serializable value or FormData
 * @param {Record<string, string>} [headers]
 * @returns {RequestInit}
 */
function postInit(data, headers) {
  const body = data instanceof FormData ? data : JSON.stringify(data);
  return headers ? { method: "POST", body, headers } : { method: "POST", body };
}

/** @param {unknown} value @returns {value is KernelResponse} */
function isKernelResponse(value) {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (/** @type {any} */ (value).code) === "number" &&
    typeof (/** @type {any} */ (value).msg) === "string"
  );
}

/**
 * SiYuan's processMessage: a negative code becomes a toast (-1 error, else info) and stops
 * the caller's callback. Returns whether the callback may run.
 * @param {KernelResponse} response
 */
export function processMessage(response) {
  if (response.code >= 0) return true;
  const timeout = response.data?.closeTimeout || 0;
  showMessage(response.msg, timeout, response.code === -1 ? "error" : "info");
  return false;
}

/** Schedules SiYuan's page reload after a 401, or only logs it with `?noreload`. */
function reloadAfterUnauthorized() {
  if (flags.noReload) {
    console.info("[sandbox] HTTP 401: SiYuan would reload the page in 3 s (skipped by ?noreload)");
    return;
  }
  window.setTimeout(() => location.reload(), UNAUTHORIZED_RELOAD_MS);
}

/**
 * Reads a fetch response like SiYuan's fetchPost: 401/403/404 are replaced by a synthesized
 * `{code: -status}` result, JSON by content-type, text otherwise.
 * @param {Response} response
 * @returns {Promise<unknown>}
 */
async function readPostResponse(response) {
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    if (response.status === 401) reloadAfterUnauthorized();
    return { data: null, msg: response.statusText, code: -response.status };
  }
  const isJson = response.headers.get("content-type")?.includes("application/json");
  return isJson ? response.json() : response.text();
}

/**
 * POSTs to the kernel. The callback gets text or `code >= 0` JSON; a negative code only
 * shows a toast. `failCallback` is honoured only for `/api/file/getFile` (HTTP 202 = missing
 * file). Network errors are only logged, so promise wrappers around this can hang.
 * @param {string} url
 * @param {unknown} [data]
 * @param {(response: any) => void} [callback]
 * @param {Record<string, string>} [headers]
 * @param {(response: any) => void} [failCallback]
 */
export function fetchPost(url, data, callback, headers, failCallback) {
  fetch(url, postInit(data, headers))
    .then(async (response) => {
      if (response.status === 202 && url === "/api/file/getFile" && failCallback) {
        failCallback(await response.json().catch(() => null));
        return;
      }
      const result = await readPostResponse(response);
      if (!isKernelResponse(result) || processMessage(result)) callback?.(result);
    })
    .catch((error) => console.warn("fetch post failed", url, error));
}

/**
 * POSTs to the kernel and resolves the JSON body whatever its code (a negative code still
 * shows a toast). Rejects on a network error or a non-JSON body.
 * @param {string} url
 * @param {unknown} [data]
 * @param {Record<string, string>} [headers]
 * @returns {Promise<KernelResponse>}
 */
export async function fetchSyncPost(url, data, headers) {
  const response = await fetch(url, postInit(data, headers));
  const result = await response.json();
  if (isKernelResponse(result)) processMessage(result);
  return result;
}

/**
 * GETs a URL and passes JSON (by content-type) or text to the callback; no error handling.
 * @param {string} url
 * @param {(response: any) => void} callback
 */
export function fetchGet(url, callback) {
  fetch(url)
    .then((response) =>
      response.headers.get("content-type")?.includes("application/json")
        ? response.json()
        : response.text(),
    )
    .then(callback);
}
