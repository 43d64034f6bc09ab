/**
 * A typed stand-in for the `siyuan` module, which ships types only (docs/siyuan-plugin-platform.md
 * §5). The component project aliases `siyuan` to this file; tests import it as
 * `../mocks/siyuan` to reach the recordings, which is the same module instance.
 */
import { vi } from "vitest";

export type Frontend =
  "desktop" | "desktop-window" | "mobile" | "browser-desktop" | "browser-mobile";

export interface DockModel {
  element: HTMLElement;
  data?: unknown;
  type?: string;
}

export interface DockOptions {
  config: {
    position: string;
    size: { width: number | null; height: number | null };
    icon: string;
    title: string;
    hotkey?: string;
    index?: number;
    show?: boolean;
  };
  data: unknown;
  type: string;
  init: (this: DockModel, dock: DockModel) => void;
  destroy?: (this: DockModel) => void;
  resize?: (this: DockModel) => void;
  update?: (this: DockModel) => void;
}

export interface CommandOptions {
  langKey: string;
  langText?: string;
  hotkey: string;
  callback?: () => void;
  globalCallback?: () => void;
  fileTreeCallback?: (files: unknown) => void;
  editorCallback?: (protyle: unknown) => void;
  dockCallback?: (element: HTMLElement) => void;
}

export interface DialogOptions {
  title?: string;
  content: string;
  width?: string;
  height?: string;
  destroyCallback?: (options?: unknown) => void;
  disableClose?: boolean;
  hideCloseIcon?: boolean;
  transparent?: boolean;
  positionId?: string;
  disableAnimation?: boolean;
  resizeCallback?: (type: string) => void;
}

export class Plugin {
  i18n: Record<string, unknown>;
  data: Record<string, unknown> = {};
  displayName: string;
  readonly name: string;
  app: unknown;

  /** What the plugin registered, in order. */
  readonly docks: DockOptions[] = [];
  readonly commands: CommandOptions[] = [];
  readonly icons: string[] = [];
  /** Backs loadData/saveData/removeData, keyed by storage name. */
  readonly storage = new Map<string, unknown>();

  readonly addDock = vi.fn((options: DockOptions) => {
    this.docks.push(options);
    return { config: options.config, model: undefined };
  });
  readonly addCommand = vi.fn((options: CommandOptions) => {
    this.commands.push(options);
  });
  readonly addIcons = vi.fn((svg: string) => {
    this.icons.push(svg);
  });
  readonly loadData = vi.fn(async (storageName: string): Promise<unknown> => {
    // SiYuan resolves a missing file with "" and never rejects (docs/siyuan-plugin-platform.md
    // §1.7).
    const value = this.storage.has(storageName) ? this.storage.get(storageName) : "";
    this.data[storageName] = value;
    return value;
  });
  readonly saveData = vi.fn(async (storageName: string, content: unknown) => {
    this.storage.set(storageName, content);
    this.data[storageName] = content;
    return { code: 0, msg: "", data: null };
  });
  readonly removeData = vi.fn(async (storageName: string) => {
    this.storage.delete(storageName);
    delete this.data[storageName];
    return { code: 0, msg: "", data: null };
  });

  constructor(options: { app?: unknown; name: string; displayName?: string; i18n: object }) {
    this.app = options.app;
    this.name = options.name;
    this.displayName = options.displayName ?? options.name;
    this.i18n = options.i18n as Record<string, unknown>;
  }

  onload(): void | Promise<void> {}
  onLayoutReady(): void {}
  onunload(): void {}
  uninstall(): void {}
  openSetting(): void {}
}

/** Every dialog still open, oldest first. */
export const openDialogs: Dialog[] = [];

export class Dialog {
  readonly element: HTMLElement;
  readonly options: DialogOptions;

  constructor(options: DialogOptions) {
    this.options = options;
    const element = document.createElement("div");
    element.className = "b3-dialog";
    const container = document.createElement("div");
    container.className = "b3-dialog__container";
    const header = document.createElement("div");
    header.className = "b3-dialog__header";
    header.textContent = options.title ?? "";
    const body = document.createElement("div");
    body.className = "b3-dialog__body";
    // SiYuan inserts `content` as HTML (docs/siyuan-plugin-platform.md §1.8).
    body.innerHTML = options.content;
    container.append(header, body);
    element.append(container);
    document.body.append(element);
    this.element = element;
    openDialogs.push(this);
  }

  destroy(options?: unknown): void {
    if (!this.element.isConnected) return;
    this.element.remove();
    openDialogs.splice(openDialogs.indexOf(this), 1);
    this.options.destroyCallback?.(options);
  }

  bindInput(): void {}
}

let frontend: Frontend = "desktop";

export function setFrontend(value: Frontend): void {
  frontend = value;
}

export function getFrontend(): Frontend {
  return frontend;
}

export const showMessage = vi.fn(
  (_text: string, _timeout?: number, _type?: "info" | "error", _id?: string) => undefined,
);

/** The plugin calls `fetch` itself (src/core/transport.ts); reaching this is a bug. */
export function fetchSyncPost(url: string): never {
  throw new Error(`fetchSyncPost(${url}) must not be used by this plugin`);
}

/** Puts the module back as it was before a test: frontend, dialogs, spies. */
export function resetSiyuanMock(): void {
  frontend = "desktop";
  for (const dialog of [...openDialogs]) dialog.destroy();
  showMessage.mockClear();
}
