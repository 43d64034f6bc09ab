/**
 * The kernel's cloud storage providers (docs/siyuan-sync-api.md §4, `kernel/conf/sync.go`).
 * Value 1 (Qiniu) only ever existed in internal tests and is deliberately absent.
 */
export const PROVIDER = { siyuan: 0, s3: 2, webdav: 3, local: 4 } as const;

export type ProviderId = (typeof PROVIDER)[keyof typeof PROVIDER];

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
   * Whether a directory is chosen by its name. Not on S3: the configured bucket is the one
   * directory, the name is not used, and listing resets the current one to the bucket
   * (docs/siyuan-sync-api.md §11), so a name can be neither created, switched to nor deleted.
   */
  readonly namesDirectories: boolean;
  /**
   * Said once above the list: for S3 what stands in for directories and where to change it; for
   * WebDAV why its rows have no Delete (the kernel's remove gate, docs/siyuan-sync-api.md §4 and
   * §9).
   */
  readonly listNoteKey: "s3BucketNote" | "webdavNote" | null;
}

export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: PROVIDER.siyuan,
    labelKey: "providerSiyuan",
    kernelName: "SiYuan",
    managesDirectories: true,
    namesDirectories: true,
    listNoteKey: null,
  },
  {
    id: PROVIDER.s3,
    labelKey: "providerS3",
    kernelName: "S3",
    managesDirectories: false,
    namesDirectories: false,
    listNoteKey: "s3BucketNote",
  },
  {
    id: PROVIDER.webdav,
    labelKey: "providerWebdav",
    kernelName: "WebDAV",
    managesDirectories: false,
    namesDirectories: true,
    listNoteKey: "webdavNote",
  },
  {
    id: PROVIDER.local,
    labelKey: "providerLocal",
    kernelName: "Local File System",
    managesDirectories: true,
    namesDirectories: true,
    listNoteKey: null,
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

/** What the panel offers on the active provider's directories. */
export interface DirectoryOffers {
  /** The new-directory field. */
  readonly create: boolean;
  readonly use: boolean;
  readonly delete: boolean;
}

/**
 * While the provider is unknown, names may be typed and used, but nothing is deleted: only SiYuan
 * and Local admit removal (docs/siyuan-sync-api.md §4).
 */
export function directoryOffers(provider: ProviderId | null): DirectoryOffers {
  if (provider === null) return { create: true, use: true, delete: false };
  const { namesDirectories, managesDirectories } = providerInfo(provider);
  return { create: namesDirectories, use: namesDirectories, delete: managesDirectories };
}

/**
 * What SiYuan holds for each provider, as far as the plugin can see: `conf.sync` from `getConf`
 * and the signed-in user SiYuan's frontend keeps (docs/siyuan-sync-api.md §16).
 */
export interface ProviderSettings {
  readonly s3: { readonly endpoint: string; readonly bucket: string } | null;
  readonly webdav: { readonly endpoint: string } | null;
  readonly localEndpoint: string | null;
  readonly cloudSubscriber: boolean;
}

const filled = (text: string | null | undefined): boolean => (text ?? "").trim() !== "";

/**
 * Whether SiYuan has settings to sync with `provider`: what its Settings → Cloud tab asks for
 * (docs/siyuan-sync-api.md §16). `setSyncProvider` itself checks none of it.
 */
export function hasSettings(provider: ProviderId, settings: ProviderSettings): boolean {
  switch (provider) {
    case PROVIDER.siyuan:
      return settings.cloudSubscriber;
    case PROVIDER.s3:
      return filled(settings.s3?.endpoint) && filled(settings.s3?.bucket);
    case PROVIDER.webdav:
      return filled(settings.webdav?.endpoint);
    case PROVIDER.local:
      return filled(settings.localEndpoint);
  }
}

/**
 * The kernel's `IsSubscriber` (kernel/model/conf.go) applied to `window.siyuan.user`: a
 * subscription without end (-1) or with an end date, and an active status (0).
 */
export function isCloudSubscriber(user: unknown): boolean {
  if (typeof user !== "object" || user === null) return false;
  const { userSiYuanProExpireTime: expires, userSiYuanSubscriptionStatus: status } = user as Record<
    string,
    unknown
  >;
  return typeof expires === "number" && (expires === -1 || expires > 0) && status === 0;
}
