// @ts-check
/** Sandbox state: the kernel configuration the double pretends to have, and its validation. */
import { isValidCloudDirName } from "./names.mjs";

/**
 * @typedef {0 | 2 | 3 | 4} ProviderId  Conf.Sync.Provider (docs/siyuan-sync-api.md §4)
 * @typedef {import("./messages.mjs").KernelLang} KernelLang
 * @typedef {{ name: string, size: number, updated: string }} CloudRepo  dejavu cloud.Repo (§7)
 * @typedef {import("./faults.mjs").Fault} Fault
 * @typedef {object} KernelState
 * @property {ProviderId} provider
 * @property {string} cloudName
 * @property {boolean} syncEnabled
 * @property {boolean} readonly  kernel started with --readonly=true
 * @property {boolean} publish  requests arrive with the publish service's Reader role
 * @property {string} version  kernel version; 3.6.3 or lower selects the old body rules of §3,
 *   and it decides forwardProxy's failure codes and private-address rule
 * @property {boolean} safeMode  kernel started with --safe-mode: forwardProxy refuses private
 *   addresses on 3.7.3+ as well
 * @property {boolean} webdavWrongPassword  conf.sync.webdav.password differs from the WebDAV
 *   server's, as after a password change on the server
 * @property {KernelLang} lang
 * @property {number} latencyMs
 * @property {CloudRepo[]} siyuanDirs  the SiYuan-provider cloud, in memory
 * @typedef {KernelState & { pendingFaults: Fault[] }} SandboxState
 */

/** @returns {KernelState} */
export function defaultState() {
  return {
    provider: 4,
    cloudName: "main",
    syncEnabled: false,
    readonly: false,
    publish: false,
    version: "3.7.3",
    safeMode: false,
    webdavWrongPassword: false,
    lang: "en_US",
    latencyMs: 0,
    siyuanDirs: [],
  };
}

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const MAX_LATENCY_MS = 60_000;

/**
 * Orders two "major.minor.patch" versions like the kernel's own version comparison.
 * @param {string} left  already validated against VERSION
 * @param {string} right
 * @returns {number} negative, 0 or positive
 */
export function compareVersions(left, right) {
  const parse = (/** @type {string} */ version) =>
    (VERSION.exec(version) ?? []).slice(1).map(Number);
  const [leftParts, rightParts] = [parse(left), parse(right)];
  for (const [index, part] of leftParts.entries()) {
    const other = /** @type {number} */ (rightParts[index]);
    if (part !== other) return part - other;
  }
  return 0;
}

/**
 * True for kernels up to v3.6.3, whose util.JsonArg and `name` handling predate PR #17413 (§3).
 * @param {string} version  already validated against VERSION
 */
export const usesOldBodyRules = (version) => compareVersions(version, "3.6.3") <= 0;

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export const isRecord = (value) =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * @param {unknown} value
 * @returns {value is boolean}
 */
const isBoolean = (value) => typeof value === "boolean";

/** @param {unknown} value */
function isCloudRepo(value) {
  return (
    isRecord(value) &&
    typeof value.name === "string" &&
    isValidCloudDirName(value.name) &&
    Number.isSafeInteger(value.size) &&
    /** @type {number} */ (value.size) >= 0 &&
    typeof value.updated === "string" &&
    LOCAL_TIME.test(value.updated)
  );
}

/**
 * One check per settable key: the predicate and what a valid value looks like.
 * cloudName must be a valid cloud dir name because the Local lock step creates <cloudDir>/<cloudName>.
 * @type {{ [K in keyof KernelState]: [(value: unknown) => boolean, string] }}
 */
const VALIDATORS = {
  provider: [(value) => [0, 2, 3, 4].includes(/** @type {number} */ (value)), "0, 2, 3 or 4"],
  cloudName: [
    (value) => typeof value === "string" && isValidCloudDirName(value),
    "a valid cloud sync directory name (1-63 bytes, no space, '.', '/' or other special symbol)",
  ],
  syncEnabled: [isBoolean, "a boolean"],
  readonly: [isBoolean, "a boolean"],
  publish: [isBoolean, "a boolean"],
  version: [
    (value) => typeof value === "string" && VERSION.test(value),
    'a version "major.minor.patch"',
  ],
  safeMode: [isBoolean, "a boolean"],
  webdavWrongPassword: [isBoolean, "a boolean"],
  lang: [(value) => value === "en_US" || value === "zh_CN", '"en_US" or "zh_CN"'],
  latencyMs: [
    (value) =>
      Number.isInteger(value) &&
      /** @type {number} */ (value) >= 0 &&
      /** @type {number} */ (value) <= MAX_LATENCY_MS,
    `an integer from 0 to ${MAX_LATENCY_MS}`,
  ],
  siyuanDirs: [
    (value) => Array.isArray(value) && value.every(isCloudRepo),
    'an array of {name: valid dir name, size: integer >= 0, updated: "YYYY-MM-DD HH:mm:ss"}',
  ],
};

/**
 * Checks a setState patch completely before anything is applied.
 * @param {unknown} patch
 * @returns {Partial<KernelState>}
 */
export function validatePatch(patch) {
  if (!isRecord(patch)) throw new Error("setState expects an object patch");
  for (const [key, value] of Object.entries(patch)) {
    if (key === "pendingFaults") {
      throw new Error("setState: pendingFaults is read-only; use queueFault() or reset()");
    }
    if (!Object.hasOwn(VALIDATORS, key)) {
      throw new Error(
        `setState: unknown key "${key}" (known: ${Object.keys(VALIDATORS).join(", ")})`,
      );
    }
    const [isValid, expected] = VALIDATORS[/** @type {keyof KernelState} */ (key)];
    if (!isValid(value)) {
      throw new Error(`setState: ${key} must be ${expected}, got ${JSON.stringify(value)}`);
    }
  }
  return /** @type {Partial<KernelState>} */ (structuredClone(patch));
}
