import { isProviderId } from "../core/providers";
import type { KnownEnvironment } from "../ui/create-panel.svelte";

/** The few fields of SiYuan's `window.siyuan` this plugin reads (platform sheet §6, kernel sheet §8). */
interface SiyuanGlobal {
  config?: {
    readonly?: boolean;
    sync?: { provider?: unknown; cloudName?: unknown };
  };
  isPublish?: boolean;
}

/** What SiYuan already knows about sync, read without a request; anything missing is "unknown". */
export function readKnownEnvironment(
  global: { siyuan?: SiyuanGlobal } = window as { siyuan?: SiyuanGlobal },
): KnownEnvironment {
  const siyuan = global.siyuan;
  const sync = siyuan?.config?.sync;
  return {
    provider: isProviderId(sync?.provider) ? sync.provider : null,
    cloudName: typeof sync?.cloudName === "string" ? sync.cloudName : "",
    readonly: siyuan?.config?.readonly === true,
    isPublish: siyuan?.isPublish === true,
  };
}
