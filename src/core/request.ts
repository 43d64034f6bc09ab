import type { ProviderId } from "./providers";
import { providerInfo } from "./providers";

/**
 * The body we send to `createCloudSyncDir`. The kernel reads only `name` (docs/siyuan-sync-api.md
 * §3); `provider` and `path` are the unofficial page's fields, kept so that scripts written against
 * that page see their values echoed, and ignored by every kernel.
 */
export interface CreateDirBody {
  readonly name: string;
  readonly provider: string;
  readonly path: string;
}

/** `provider` is the active one, where SiYuan creates; empty while it is unknown. */
export function buildCreateBody(
  name: string,
  provider: ProviderId | null,
  typed: string,
): CreateDirBody {
  return {
    name,
    provider: provider === null ? "" : providerInfo(provider).kernelName,
    path: typed,
  };
}

/**
 * `listCloudSyncDir` takes no arguments; SiYuan's own settings send `{}` (docs/siyuan-sync-api.md
 * §9).
 */
export const EMPTY_BODY: Readonly<Record<string, never>> = {};

export function nameBody(name: string): { readonly name: string } {
  return { name };
}
