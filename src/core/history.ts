/** Requests kept in the session history. */
export const HISTORY_LIMIT = 20;

/** Newest first, never longer than the limit. */
export function addToHistory<T>(
  history: readonly T[],
  entry: T,
  limit: number = HISTORY_LIMIT,
): T[] {
  return [entry, ...history].slice(0, limit);
}
