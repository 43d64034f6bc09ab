/**
 * The kernel's cloud storage providers (docs/siyuan-sync-api.md §4, `kernel/conf/sync.go`).
 * Value 1 (Qiniu) only ever existed in internal tests and is deliberately absent.
 */
export type ProviderId = 0 | 2 | 3 | 4;

export interface ProviderInfo {
  readonly id: ProviderId;
  /** Key of the provider's display name in the i18n files. */
  readonly labelKey: "providerSiyuan" | "providerS3" | "providerWebdav" | "providerLocal";
  /** What the kernel's `ProviderToStr` returns; also what the unofficial page sends as `provider`. */
  readonly kernelName: string;
  /**
   * The kernel's create/remove gate admits only SiYuan and Local (docs/siyuan-sync-api.md §4, since
   * v3.1.19).
   */
  readonly managesDirectories: boolean;
  /**
   * For S3 the listed entry is the bucket itself (docs/siyuan-sync-api.md §4 ListCloudSyncDir side
   * effect).
   */
  readonly listsBucket: boolean;
}

export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: 0,
    labelKey: "providerSiyuan",
    kernelName: "SiYuan",
    managesDirectories: true,
    listsBucket: false,
  },
  { id: 2, labelKey: "providerS3", kernelName: "S3", managesDirectories: false, listsBucket: true },
  {
    id: 3,
    labelKey: "providerWebdav",
    kernelName: "WebDAV",
    managesDirectories: false,
    listsBucket: false,
  },
  {
    id: 4,
    labelKey: "providerLocal",
    kernelName: "Local File System",
    managesDirectories: true,
    listsBucket: false,
  },
];

export function isProviderId(value: unknown): value is ProviderId {
  return PROVIDERS.some((provider) => provider.id === value);
}

export function providerInfo(id: ProviderId): ProviderInfo {
  const found = PROVIDERS.find((provider) => provider.id === id);
  if (!found) throw new RangeError(`Unknown provider ${String(id)}`);
  return found;
}
