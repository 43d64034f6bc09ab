import type { KernelConf } from "./kernel-client";

/** Where a panel lives: each surface has SiYuan's own header for it, a dialog has its title bar. */
export type Surface = "dock" | "mobileDock" | "dialog";

/**
 * What the host already knows about sync before the first request (`window.siyuan` in SiYuan):
 * the fields of the kernel's settings that a panel shows until it has read them itself.
 */
export type KnownEnvironment = Pick<
  KernelConf,
  "provider" | "cloudName" | "readonly" | "isPublish"
> & {
  /** A signed-in subscriber of SiYuan's cloud (`window.siyuan.user`, docs/siyuan-sync-api.md §16). */
  readonly cloudSubscriber: boolean;
};

/** SiYuan refuses every change in read-only mode and in a published view, so nothing is sent. */
export function changesRefused(mode: Pick<KnownEnvironment, "readonly" | "isPublish">): boolean {
  return mode.readonly || mode.isPublish;
}
