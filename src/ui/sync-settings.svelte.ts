import { describeFailure } from "../core/describe";
import { listSource, type ListSource } from "../core/dir-list";
import { changesRefused, type KnownEnvironment } from "../core/host";
import type { KernelClient, KernelConf } from "../core/kernel-client";
import type { KernelVersion } from "../core/kernel-version";
import type { ProviderId } from "../core/providers";
import type { Message } from "../i18n";

/**
 * The kernel's sync settings as this panel last saw them, shared by the form, the status line and
 * the directory list. Until a read succeeds, what the host already knew stands in.
 */
export class SyncSettingsState {
  /** The current directory: from the settings, then from every list the kernel answers. */
  cloudName = $state("");
  status = $state<"loading" | "ready" | "failed">("loading");
  problem = $state<Message | null>(null);
  /** SiYuan's version, read with the first settings read (and again while it is unknown). */
  version = $state.raw<KernelVersion | null>(null);
  /** The last version read failed: said quietly, since nothing waits for it. */
  versionUnknown = $state(false);

  /**
   * The last settings read, replaced whole by every read (its WebDAV password is for requests
   * only, never shown). A new object also tells dependents that the settings arrived again.
   */
  #conf = $state.raw<KernelConf | null>(null);
  readonly #client: KernelClient;
  readonly #known: KnownEnvironment;
  #disposed = false;
  /** Counts reads; an answer is applied only if no newer read started meanwhile. */
  #generation = 0;
  #latest: Promise<KernelConf | null> = Promise.resolve(null);
  /** Counts version reads, like {@link #generation}: an older answer never replaces a newer one. */
  #versionGeneration = 0;

  constructor(client: KernelClient, known: KnownEnvironment) {
    this.#client = client;
    this.#known = known;
    this.cloudName = known.cloudName;
  }

  get lastRead(): KernelConf | null {
    return this.#conf;
  }

  get provider(): ProviderId | null {
    return (this.#conf ?? this.#known).provider;
  }

  /** The Local provider's folder; unknown until the settings were read. */
  get localEndpoint(): string | null {
    return this.#conf?.localEndpoint ?? null;
  }

  /** A signed-in subscriber of SiYuan's cloud, as the host knows it; `getConf` does not say. */
  get cloudSubscriber(): boolean {
    return this.#known.cloudSubscriber;
  }

  get readonly(): boolean {
    return (this.#conf ?? this.#known).readonly;
  }

  get isPublish(): boolean {
    return (this.#conf ?? this.#known).isPublish;
  }

  /** Whether every change is refused up front: the one rule the form and the list both follow. */
  get locked(): boolean {
    return changesRefused(this);
  }

  /** Where a list read now would come from; `null` while the provider is unknown. */
  get source(): ListSource | null {
    return listSource(this);
  }

  /**
   * Re-reads the provider and modes from the kernel, as the panel opens and before every Use or
   * Delete. Answers the settings read, or `null` when they could not be read. Reads may overlap:
   * only the newest one is applied, and an older call answers what the newest one read.
   */
  refresh(): Promise<KernelConf | null> {
    const generation = ++this.#generation;
    const reading = this.#read(generation);
    // Not awaited: the settings and the list never wait for the version, nor fail with it.
    if (this.version === null) void this.#readVersion(++this.#versionGeneration);
    this.#latest = reading;
    return reading;
  }

  async #read(generation: number): Promise<KernelConf | null> {
    this.status = "loading";
    const { outcome } = await this.#client.getConf();
    if (generation !== this.#generation) return this.#latest;
    if (this.#disposed) return null;
    if (outcome.kind !== "ok") {
      this.status = "failed";
      this.problem = describeFailure(outcome).message;
      return null;
    }
    this.#conf = outcome.data;
    this.cloudName = outcome.data.cloudName;
    this.status = "ready";
    this.problem = null;
    return outcome.data;
  }

  async #readVersion(generation: number): Promise<void> {
    const { outcome } = await this.#client.version();
    if (generation !== this.#versionGeneration || this.#disposed) return;
    this.version = outcome.kind === "ok" ? outcome.data : null;
    this.versionUnknown = outcome.kind !== "ok";
  }

  /** Reads SiYuan's version now, for a create that needs it; answers it, or null when unreadable. */
  async readVersion(): Promise<KernelVersion | null> {
    await this.#readVersion(++this.#versionGeneration);
    return this.version;
  }

  /** The kernel named the directory that is current now (in a list, or after a delete). */
  noteCurrentDirectory(name: string): void {
    this.cloudName = name;
  }

  dispose(): void {
    this.#disposed = true;
  }
}
