// @ts-check
/** HTTP replies shaped the way Gin writes them (docs/siyuan-sync-api.md §2). */

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: string | Uint8Array }} HttpReply
 * @typedef {HttpReply | { drop: true }} Reply  `drop` breaks the connection in the middle of the answer.
 */

/** data of every kernel error toast that should close by itself (§2, §4). */
export const CLOSE_TIMEOUT = Object.freeze({ closeTimeout: 5000 });

const GO_JSON_ESCAPED = /[<>&\u2028\u2029]/g;

/**
 * Gin's c.JSON: Go's json.Marshal escapes <, >, & and U+2028/U+2029 as \u00XX inside strings.
 * @param {number} status
 * @param {unknown} value
 * @returns {HttpReply}
 */
export function jsonReply(status, value) {
  const body = JSON.stringify(value).replace(
    GO_JSON_ESCAPED,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body };
}

/**
 * A gulu.Ret result `{code, msg, data}` with HTTP 200, how every handler answers (§2).
 * @param {number} code
 * @param {string} msg
 * @param {unknown} data
 */
export function resultReply(code, msg, data) {
  return jsonReply(200, { code, msg, data });
}

/**
 * @param {number} status
 * @param {string} text
 * @param {string} [contentType]
 * @returns {HttpReply}
 */
export function textReply(status, text, contentType = "text/plain") {
  return { status, headers: { "content-type": contentType }, body: text };
}

/**
 * @param {number} status
 * @returns {HttpReply}
 */
export function emptyReply(status) {
  return { status, headers: {}, body: "" };
}

/** What Gin answers for an unknown route or method. */
export const notFoundReply = () => textReply(404, "404 page not found");

/** @type {Record<string, string>} */
const HTML_ENTITIES = { "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&#34;" };

/**
 * Go's html.EscapeString, used by formatRepoErrorMsg (§4).
 * @param {string} text
 */
export function escapeHtml(text) {
  return text.replace(/[<>&'"]/g, (character) => HTML_ENTITIES[character] ?? character);
}
