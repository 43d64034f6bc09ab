/**
 * The kernel's version (`/api/system/version`, kernel/api/system.go) and the behaviour that
 * depends on it. Every boundary below names the first release that has the newer behaviour.
 */
import { minAppVersion } from "../../plugin.json";

export interface KernelVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** As the kernel sent it, for display. */
  readonly text: string;
}

/** The plugin's own floor, from plugin.json (SiYuan refuses to load it below that). */
export const MIN_APP_VERSION = minAppVersion;

/** forwardProxy refuses private and loopback addresses from v3.6.0 (advisory GHSA-56cv-c5p2-j2wg). */
export const ADDRESS_RULE_FROM = "3.6.0";
/** From v3.7.3 that refusal only applies to a kernel started with `--safe-mode` (PR #18220). */
export const ADDRESS_RULE_LIFTED_IN = "3.7.3";
/** forwardProxy numbers its failures 1–9 from v3.7.0, and reads `redirect: false` from then on. */
export const NUMBERED_PROXY_CODES_FROM = "3.7.0";
/** util.JsonArg answers bad bodies with a message, and `name` is required and trimmed, from v3.6.4. */
export const CURRENT_BODY_RULES_FROM = "3.6.4";

const VERSION = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:[-+][0-9A-Za-z.+-]*)?$/;

/** "3.7.3" (a pre-release suffix such as "-alpha.1" is kept in `text` and ignored in comparisons). */
export function parseKernelVersion(text: string): KernelVersion | null {
  const match = VERSION.exec(text.trim());
  if (!match) return null;
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  return { major, minor, patch, text: text.trim() };
}

function requireVersion(text: string): KernelVersion {
  const parsed = parseKernelVersion(text);
  if (!parsed) throw new RangeError(`Not a kernel version: ${text}`);
  return parsed;
}

/** Negative, 0 or positive, like a sort comparator. */
export function compareVersions(left: KernelVersion, right: KernelVersion | string): number {
  const other = typeof right === "string" ? requireVersion(right) : right;
  return left.major - other.major || left.minor - other.minor || left.patch - other.patch;
}

const isAtLeast = (version: KernelVersion, release: string) =>
  compareVersions(version, release) >= 0;

/** Whether forwardProxy may reach a private or loopback address (a NAS on the LAN, localhost). */
export type PrivateAddressRule = "allowed" | "refused" | "refusedInSafeMode";

export function privateAddressRule(version: KernelVersion): PrivateAddressRule {
  if (!isAtLeast(version, ADDRESS_RULE_FROM)) return "allowed";
  return isAtLeast(version, ADDRESS_RULE_LIFTED_IN) ? "refusedInSafeMode" : "refused";
}

/** forwardProxy's own failures: `code` 1–9 from v3.7.0, -1 and -2 before. */
export type ProxyFailureCodes = "numbered" | "negative";

export function proxyFailureCodes(version: KernelVersion): ProxyFailureCodes {
  return isAtLeast(version, NUMBERED_PROXY_CODES_FROM) ? "numbered" : "negative";
}

/** Whether `redirect: false` is honoured; older kernels always follow up to 3 redirects. */
export function honoursRedirectOption(version: KernelVersion): boolean {
  return isAtLeast(version, NUMBERED_PROXY_CODES_FROM);
}

/**
 * "current" (v3.6.4+): a bad body is `code -1` with a message and a missing `name` is
 * `Field [name] is required`. "legacy" (v3.6.3 and older): a bad body is a bare HTTP 400 and a
 * missing `name` a silent `code 0`.
 */
export type BodyRules = "current" | "legacy";

export function bodyRules(version: KernelVersion): BodyRules {
  return isAtLeast(version, CURRENT_BODY_RULES_FROM) ? "current" : "legacy";
}

export function isBelowMinAppVersion(
  version: KernelVersion,
  minimum: string = MIN_APP_VERSION,
): boolean {
  return !isAtLeast(version, minimum);
}
