import { isCloudSubscriber, isProviderId } from "../core/providers";
import type { KnownEnvironment } from "../core/host";

/**
 * The few fields of SiYuan's `window.siyuan` this plugin reads (docs/siyuan-plugin-platform.md §6,
 * docs/siyuan-sync-api.md §8).
 */
interface SiyuanGlobal {
  config?: {
    readonly?: boolean;
    sync?: { provider?: unknown; cloudName?: unknown };
    api?: { token?: unknown };
  };
  isPublish?: boolean;
  user?: unknown;
}

type GlobalWithSiyuan = { siyuan?: SiyuanGlobal };

/** What SiYuan already knows about sync, read without a request; anything missing is "unknown". */
export function readKnownEnvironment(
  global: GlobalWithSiyuan = window as GlobalWithSiyuan,
): KnownEnvironment {
  const siyuan = global.siyuan;
  const sync = siyuan?.config?.sync;
  return {
    provider: isProviderId(sync?.provider) ? sync.provider : null,
    cloudName: typeof sync?.cloudName === "string" ? sync.cloudName : "",
    readonly: siyuan?.config?.readonly === true,
    isPublish: siyuan?.isPublish === true,
    cloudSubscriber: isCloudSubscriber(siyuan?.user),
  };
}

/** The API token, read only when the user asks for it in a copied snippet; never kept. */
export function readApiToken(global: GlobalWithSiyuan = window as GlobalWithSiyuan) {
  const token = global.siyuan?.config?.api?.token;
  return typeof token === "string" && token !== "" ? token : undefined;
}
