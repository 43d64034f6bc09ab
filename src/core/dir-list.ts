import type { CloudDir, CloudDirList, KernelConf } from "./kernel-client";
import {
  duplicateNames,
  escapeName,
  listedNameProblem,
  lookAlike,
  type ListedNameProblem,
  type LookAlike,
} from "./listed-name";
import { PROVIDER, directoryOffers, type ProviderId } from "./providers";

/** A listed directory and what the user may do with it. */
export interface DirRow {
  readonly dir: CloudDir;
  readonly active: boolean;
  /** The name with invisible and look-alike code points escaped (`\u2000main`). */
  readonly display: string;
  /**
   * Why the kernel would not act on exactly this name: it refuses it (a Local folder such as
   * `.stfolder` or `lost+found`; the Local listing does not filter names, dejavu `cloud/local.go`),
   * would
   * trim it, or the listed text may not be the real name. Such rows offer no action.
   */
  readonly problem: ListedNameProblem | null;
  /** Set when the name could pass for another one. */
  readonly lookAlike: LookAlike | null;
  /** Not on S3, whose one directory is the bucket (see {@link directoryOffers}). */
  readonly canUse: boolean;
  /**
   * The kernel does not validate names on remove, and on Local `..` would delete outside the
   * endpoint (docs/siyuan-sync-api.md §4), so deleting needs a valid name and a provider whose gate
   * admits removal.
   */
  readonly canDelete: boolean;
  /**
   * The current directory, which the provider did not list: SiYuan names it in its settings but
   * creates it only at the next sync (or another device deleted it meanwhile).
   */
  readonly unlisted: boolean;
}

/** The listing shows a filter box only past this many rows. */
export const FILTER_THRESHOLD = 10;

/**
 * Rows rendered at a time. A thousand rows at once is a visible stall, and a page must render
 * within a frame when a filter keystroke changes it (`npm run bench`); more are added as the end
 * of the list scrolls into view, or on request.
 */
export const ROWS_PER_PAGE = 50;

/** How many rows to render so that the row at `index` is among them. */
export function rowsToShow(index: number): number {
  return Math.max(ROWS_PER_PAGE, Math.ceil((index + 1) / ROWS_PER_PAGE) * ROWS_PER_PAGE);
}

export function toRows(list: CloudDirList, provider: ProviderId | null): DirRow[] {
  const offers = directoryOffers(provider);
  const duplicates = duplicateNames(list.dirs.map((dir) => dir.name));
  const rows = list.dirs.map((dir): DirRow => {
    const problem: ListedNameProblem | null = duplicates.has(dir.name)
      ? { kind: "duplicate" }
      : listedNameProblem(dir.name);
    return {
      dir,
      active: dir.name === list.active,
      display: escapeName(dir.name),
      problem,
      lookAlike: lookAlike(dir.name),
      canUse: problem === null && offers.use,
      canDelete: problem === null && offers.delete,
      unlisted: false,
    };
  });
  if (list.active === "" || list.dirs.some((dir) => dir.name === list.active)) return rows;
  // The current directory always has a row, first, saying why the provider did not list it.
  const current: DirRow = {
    dir: { name: list.active, hSize: "-", updated: "" },
    active: true,
    display: escapeName(list.active),
    problem: null,
    lookAlike: lookAlike(list.active),
    canUse: false,
    canDelete: false,
    unlisted: true,
  };
  return [current, ...rows];
}

/**
 * Case-insensitive substring match on the name, as listed or as shown escaped. Unicode's default
 * case mapping, not the locale's: a directory name means the same in every language, and the
 * first locale-aware call loads locale data in the middle of a keystroke (`npm run bench`).
 */
export function filterRows(rows: readonly DirRow[], query: string): readonly DirRow[] {
  const needle = query.trim().toLowerCase();
  if (needle === "") return rows;
  return rows.filter(
    (row) =>
      row.dir.name.toLowerCase().includes(needle) || row.display.toLowerCase().includes(needle),
  );
}

/** A name the user typed that the list already holds: exactly, or differing only in case. */
export interface ListedMatch {
  readonly row: DirRow;
  readonly exact: boolean;
}

/**
 * Finds `name` in the list. The kernel answers code 0 for an existing Local folder, and on
 * Windows and macOS a name differing only in case is the same folder, so both count as existing.
 */
export function findListed(rows: readonly DirRow[], name: string): ListedMatch | null {
  const exact = rows.find((row) => row.dir.name === name);
  if (exact) return { row: exact, exact: true };
  const folded = name.toLowerCase();
  const row = rows.find((candidate) => candidate.dir.name.toLowerCase() === folded);
  return row ? { row, exact: false } : null;
}

/**
 * The kernel reports `"-"` for sizes it does not compute (every provider but SiYuan,
 * docs/siyuan-sync-api.md §4).
 */
export function displaySize(hSize: string): string {
  return hSize === "-" || hSize === "" ? "—" : hSize;
}

/**
 * Whether a delete may go ahead: the name must be one of the rows just listed, deletable, and
 * typed again by the user, code point for code point, either as listed or as shown escaped (the
 * escaped form stands for exactly one name, see {@link escapeName}).
 */
export function mayDelete(rows: readonly DirRow[], name: string, typed: string): boolean {
  const row = rows.find((candidate) => candidate.dir.name === name);
  return row !== undefined && row.canDelete && (typed === name || typed === row.display);
}

/**
 * Where a list was read from. The kernel always acts on its current provider (`kernel/model/sync.go`),
 * so a name from this list may only be sent while the provider, and for Local the folder, are
 * still these.
 */
export interface ListSource {
  readonly provider: ProviderId;
  /** The Local endpoint; `null` for the other providers. */
  readonly localEndpoint: string | null;
}

/** The source a list reads from under these settings; `null` when the provider is unknown. */
export function listSource(
  settings: Pick<KernelConf, "provider" | "localEndpoint">,
): ListSource | null {
  if (settings.provider === null) return null;
  return {
    provider: settings.provider,
    localEndpoint: settings.provider === PROVIDER.local ? settings.localEndpoint : null,
  };
}

/** What changed between the source a list was read from and the settings now. */
export type SourceChange =
  | { readonly kind: "unknown" }
  | { readonly kind: "provider"; readonly from: ProviderId; readonly to: ProviderId }
  | { readonly kind: "localEndpoint"; readonly from: string | null; readonly to: string | null };

/** `null` when a name listed from `pinned` still reaches the same place as from `now`. */
export function sourceChange(
  pinned: ListSource | null,
  now: ListSource | null,
): SourceChange | null {
  if (pinned === null || now === null) return { kind: "unknown" };
  if (now.provider !== pinned.provider) {
    return { kind: "provider", from: pinned.provider, to: now.provider };
  }
  if (now.localEndpoint !== pinned.localEndpoint) {
    return { kind: "localEndpoint", from: pinned.localEndpoint, to: now.localEndpoint };
  }
  return null;
}

/**
 * The folder the Local provider removes: dejavu joins the endpoint and the name with Go's
 * `path.Join` (`cloud/local.go`), which drops trailing slashes. (It does not treat `\` as a
 * separator, so neither does this.)
 */
export function localFolderPath(endpoint: string, name: string): string {
  let end = endpoint.length;
  while (end > 0 && endpoint.charCodeAt(end - 1) === 0x2f) end--;
  return `${endpoint.slice(0, end)}/${name}`;
}

/** How the list after a delete differs from the list the user confirmed it on. */
export interface DeleteCheck {
  /** The confirmed name is still listed. */
  readonly stillListed: boolean;
  /** Other names that were listed before and are gone now. */
  readonly alsoGone: readonly string[];
  /** Names listed now that were not before. */
  readonly appeared: readonly string[];
}

export function checkDelete(
  before: readonly string[],
  after: readonly string[],
  deleted: string,
): DeleteCheck {
  const afterSet = new Set(after);
  const beforeSet = new Set(before);
  return {
    stillListed: afterSet.has(deleted),
    alsoGone: before.filter((name) => name !== deleted && !afterSet.has(name)),
    appeared: after.filter((name) => !beforeSet.has(name)),
  };
}

/** Exactly the confirmed name is gone and nothing else changed. */
export function deletedExactly(check: DeleteCheck): boolean {
  return !check.stillListed && check.alsoGone.length === 0 && check.appeared.length === 0;
}
