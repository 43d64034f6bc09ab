import { rawNameProblem, type NameProblem } from "./dir-name";
import type { CloudDir, CloudDirList } from "./kernel-client";
import { providerInfo, type ProviderId } from "./providers";

/** A listed directory and what the user may do with it. */
export interface DirRow {
  readonly dir: CloudDir;
  readonly active: boolean;
  /**
   * Why the kernel would refuse this name, e.g. a Local folder such as `.stfolder` or `lost+found`
   * (the Local listing does not filter names, docs/siyuan-sync-api.md §7). Such rows offer no
   * action.
   */
  readonly problem: NameProblem | null;
  readonly canUse: boolean;
  /**
   * The kernel does not validate names on remove, and on Local `..` would delete outside the
   * endpoint (docs/siyuan-sync-api.md §4), so deleting needs a valid name and a provider whose gate
   * admits removal.
   */
  readonly canDelete: boolean;
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
  const manages = provider !== null && providerInfo(provider).managesDirectories;
  return list.dirs.map((dir) => {
    const problem = rawNameProblem(dir.name);
    return {
      dir,
      active: dir.name === list.active,
      problem,
      canUse: problem === null,
      canDelete: problem === null && manages,
    };
  });
}

/** Case-insensitive substring match on the name. */
export function filterRows(rows: readonly DirRow[], query: string): readonly DirRow[] {
  const needle = query.trim().toLocaleLowerCase();
  if (needle === "") return rows;
  return rows.filter((row) => row.dir.name.toLocaleLowerCase().includes(needle));
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
 * typed again exactly by the user.
 */
export function mayDelete(rows: readonly DirRow[], name: string, typed: string): boolean {
  return typed === name && rows.some((row) => row.dir.name === name && row.canDelete);
}
