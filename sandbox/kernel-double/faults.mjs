// @ts-check
/** One-shot faults the sandbox can inject in front of the kernel's own answers. */
import { AUTH_FAILED_HEADER } from "./messages.mjs";
import {
  CLOSE_TIMEOUT,
  emptyReply,
  jsonReply,
  notFoundReply,
  resultReply,
  textReply,
} from "./replies.mjs";
import { isRecord } from "./state.mjs";

/**
 * @typedef {import("./replies.mjs").Reply} Reply
 * @typedef {keyof typeof FAULT_REPLIES} FaultKind
 * @typedef {{ kind: FaultKind, route?: string }} Fault
 */

/** What each fault answers instead of the kernel. */
export const FAULT_REPLIES = /** @satisfies {Record<string, () => Reply>} */ ({
  http500: () => textReply(500, "Internal Server Error"),
  drop: () => /** @type {Reply} */ ({ drop: true }),
  nonJson: () => textReply(200, "<html><body>502 Bad Gateway</body></html>", "text/html"),
  htmlMsg: () =>
    resultReply(
      -1,
      '<img src=x onerror="window.__xss=1"><b>bold</b> kernel message',
      CLOSE_TIMEOUT,
    ),
  // The real CheckAuth failure (docs/siyuan-sync-api.md §2 step 2).
  unauthorized: () => jsonReply(401, { code: -1, msg: AUTH_FAILED_HEADER }),
  // CheckAdminRole's AbortWithStatus (docs/siyuan-sync-api.md §2).
  forbidden: () => emptyReply(403),
  // Gin's answer for a route an old kernel does not have.
  notFound: notFoundReply,
});

/**
 * Faults hit the sync API and getConf only, so plugin storage keeps working while they are queued.
 * @param {string} path
 */
export const isFaultable = (path) =>
  path.startsWith("/api/sync/") || path === "/api/system/getConf";

/**
 * @param {unknown} fault
 * @returns {Fault}
 */
export function validateFault(fault) {
  const kinds = Object.keys(FAULT_REPLIES);
  if (!isRecord(fault) || typeof fault.kind !== "string" || !kinds.includes(fault.kind)) {
    throw new Error(`queueFault: kind must be one of ${kinds.join(", ")}`);
  }
  const unknownKey = Object.keys(fault).find((key) => key !== "kind" && key !== "route");
  if (unknownKey) throw new Error(`queueFault: unknown key "${unknownKey}"`);
  if (fault.route !== undefined && !(typeof fault.route === "string" && isFaultable(fault.route))) {
    throw new Error(
      'queueFault: route must be an exact "/api/sync/..." path or "/api/system/getConf"',
    );
  }
  return /** @type {Fault} */ ({ ...fault });
}
