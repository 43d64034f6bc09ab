// @ts-check
/** The `Plugin` base class with SiYuan's semantics (docs/siyuan-plugin-platform.md §1.1–§1.7). */
import { addDockButton } from "../docks.js";
import { addStatusBarItem, addTopBarItem } from "../layout.js";
import { reloadPlugin } from "../loader.js";
import { flags, siyuan } from "../runtime.js";
import { EventBus } from "./event-bus.js";
import { fetchPost } from "./fetch.js";

/**
 * @typedef {object} DockConfig
 * @property {string} position
 * @property {{width: number | null, height: number | null}} size
 * @property {string} icon
 * @property {string} title
 * @property {string} [hotkey]
 * @property {number} [index]
 * @property {boolean} [show]
 */

/**
 * @typedef {object} DockOptions
 * @property {DockConfig} config
 * @property {any} data
 * @property {string} type
 * @property {(this: DockModel, model: DockModel) => void} init
 * @property {(this: DockModel) => void} [destroy]
 * @property {(this: DockModel) => void} [resize]
 * @property {(this: DockModel) => void} [update]
 */

/**
 * The model of an opened dock (SiYuan's Custom / MobileCustom): created on first open, and
 * `init` runs with the model as `this` and as the argument.
 */
export class DockModel {
  /**
   * @param {DockOptions & {app: unknown, element: HTMLElement, fullType: string, tab?: unknown}} options
   */
  constructor(options) {
    this.app = options.app;
    this.element = options.element;
    this.tab = options.tab;
    this.type = options.fullType;
    this.data = options.data;
    this.init = options.init;
    this.destroy = options.destroy;
    this.resize = options.resize;
    this.update = options.update;
    this.init(this);
  }
}

/**
 * Storage names cannot leave `data/storage/petal/<plugin>/` (SiYuan normalizes them too).
 * @param {string} storageName
 */
function normalizeStorageName(storageName) {
  return String(storageName)
    .replace(/[\\/]+/g, "")
    .replace(/\.\.+/g, ".");
}

/** Read-only and publish pages may not write plugin data (siyuan#16149). */
function writesForbidden() {
  return Boolean(siyuan.config.readonly || siyuan.isPublish);
}

/**
 * Records a hotkey in `keymap.plugin[name][id]` and returns the user's custom binding.
 * @param {string} pluginName @param {string} id @param {string} hotkey
 */
function registerHotkey(pluginName, id, hotkey) {
  const keymap = (siyuan.config.keymap.plugin[pluginName] ??= {});
  const custom = keymap[id]?.custom ?? hotkey;
  keymap[id] = { default: hotkey, custom };
  return custom;
}

export class Plugin {
  /** Read-only after construction. @type {string} */
  name = "";

  /**
   * @param {{app: unknown, name: string, displayName: string, i18n: Record<string, any>}} options
   */
  constructor({ app, name, displayName, i18n }) {
    this.app = app;
    this.i18n = i18n;
    this.displayName = displayName;
    /** @type {Record<string, any>} */
    this.data = {};
    /** @type {any[]} */
    this.commands = [];
    /** @type {import("./setting.js").Setting | undefined} */
    this.setting = undefined;
    /** @type {Record<string, {config: DockConfig, model: (options: {element: HTMLElement, tab?: unknown}) => DockModel, mobileModel: (element: HTMLElement) => DockModel}>} */
    this.docks = {};
    /** @type {Record<string, unknown>} */
    this.models = {};
    /** @type {HTMLElement[]} */
    this.topBarIcons = [];
    /** @type {HTMLElement[]} */
    this.statusBarIcons = [];
    /** @type {any[]} */
    this.protyleSlash = [];
    /** @type {Record<string, unknown>} */
    this.protyleOptions = {};
    /** @type {Record<string, unknown>} */
    this.customBlockRenders = {};
    // The name is fixed for the plugin's life (siyuan#9943).
    Object.defineProperty(this, "name", { value: name, writable: false, enumerable: true });
    this.eventBus = new EventBus(name);
  }

  /** @returns {void | Promise<void>} */
  onload() {}

  onunload() {}

  uninstall() {}

  onLayoutReady() {}

  /** By default a sync change of the plugin's data reloads the whole plugin. */
  onDataChanged() {
    void reloadPlugin(this.name);
  }

  /**
   * @param {unknown} options
   */
  async updateCards(options) {
    return options;
  }

  /** @param {unknown[]} toolbar */
  updateProtyleToolbar(toolbar) {
    return toolbar;
  }

  /** Opens `this.setting` titled with the display name (no-op without a setting). */
  openSetting() {
    this.setting?.open(this.displayName || this.name);
  }

  /**
   * Injects `<symbol>`s into this plugin's `<svg data-name>` sprite.
   * @param {string} svgSymbols
   */
  addIcons(svgSymbols) {
    let sprite = document.querySelector(`svg[data-name="${CSS.escape(this.name)}"]`);
    if (!sprite) {
      document.body.insertAdjacentHTML(
        "afterbegin",
        `<svg data-name="${this.name}" style="position:absolute;width:0;height:0;overflow:hidden" aria-hidden="true"><defs></defs></svg>`,
      );
      sprite = /** @type {Element} */ (
        document.querySelector(`svg[data-name="${CSS.escape(this.name)}"]`)
      );
    }
    sprite.querySelector("defs")?.insertAdjacentHTML("beforeend", svgSymbols);
  }

  /**
   * Adds a top bar button (desktop) or a plugin menu row (mobile).
   * @param {{icon: string, title: string, callback: (event: MouseEvent) => void, position?: "right" | "left"}} options
   * @returns {HTMLElement | undefined}
   */
  addTopBar(options) {
    if (!options.icon.startsWith("icon") && !options.icon.startsWith("<svg")) {
      console.error(`plugin ${this.name} addTopBar error: icon must be svg id or svg tag`);
      return undefined;
    }
    const element = addTopBarItem(this.name, this.topBarIcons.length, options);
    this.topBarIcons.push(element);
    return element;
  }

  /**
   * Adds a status bar element (desktop only).
   * @param {{element: HTMLElement, position?: "right" | "left"}} options
   * @returns {HTMLElement | undefined}
   */
  addStatusBar(options) {
    if (flags.mobile) return undefined;
    addStatusBarItem(options.element, options.position ?? "right");
    this.statusBarIcons.push(options.element);
    return options.element;
  }

  /**
   * Registers a command; its hotkey goes into `keymap.plugin[name][langKey]`.
   * @param {{langKey: string, langText?: string, hotkey: string, customHotkey?: string,
   *   callback?: () => void, globalCallback?: () => void, fileTreeCallback?: (files: unknown) => void,
   *   editorCallback?: (protyle: unknown) => void, dockCallback?: (element: HTMLElement) => void}} command
   */
  addCommand(command) {
    command.customHotkey = registerHotkey(this.name, command.langKey, command.hotkey ?? "");
    this.commands.push(command);
  }

  /**
   * Registers a dock. Nothing is built until the user first opens it (lazy, like SiYuan).
   * @param {DockOptions} options
   */
  addDock(options) {
    const fullType = this.name + options.type;
    if (options.config.hotkey) registerHotkey(this.name, fullType, options.config.hotkey);
    const create = (/** @type {HTMLElement} */ element, /** @type {unknown} */ tab) =>
      new DockModel({ ...options, app: this.app, element, fullType, tab });
    const dock = {
      config: options.config,
      model: (/** @type {{element: HTMLElement, tab?: unknown}} */ { element, tab }) =>
        create(element, tab),
      mobileModel: (/** @type {HTMLElement} */ element) => create(element, undefined),
    };
    this.docks[fullType] = dock;
    addDockButton(this, fullType);
    return dock;
  }

  /**
   * Resolves the stored value, or the cached one (initially "") when the file is missing.
   * @param {string} storageName
   * @returns {Promise<any>}
   */
  loadData(storageName) {
    const name = normalizeStorageName(storageName);
    if (this.data[name] === undefined) this.data[name] = "";
    return new Promise((resolve) => {
      fetchPost(
        "/api/file/getFile",
        { path: `/data/storage/petal/${this.name}/${name}` },
        (response) => {
          this.data[name] = response;
          resolve(response);
        },
        undefined,
        () => resolve(this.data[name]),
      );
    });
  }

  /**
   * Writes the value (objects as JSON). Rejects `{code: 403}` in read-only/publish mode; on a
   * kernel error the promise never settles, exactly like SiYuan's.
   * @param {string} storageName
   * @param {unknown} content
   * @returns {Promise<any>}
   */
  saveData(storageName, content) {
    if (writesForbidden()) return Promise.reject({ code: 403 });
    const name = normalizeStorageName(storageName);
    const path = `/data/storage/petal/${this.name}/${name}`;
    const text = typeof content === "object" ? JSON.stringify(content) : String(content);
    const form = new FormData();
    form.append("path", path);
    form.append("isDir", "false");
    form.append("file", new File([text], name, { type: "application/json" }));
    return new Promise((resolve) => {
      fetchPost("/api/file/putFile", form, (response) => {
        this.data[name] = content;
        resolve(response);
      });
    });
  }

  /**
   * Deletes the stored file; same guard and hang-on-error behaviour as saveData.
   * @param {string} storageName
   * @returns {Promise<any>}
   */
  removeData(storageName) {
    if (writesForbidden()) return Promise.reject({ code: 403 });
    const name = normalizeStorageName(storageName);
    return new Promise((resolve) => {
      fetchPost(
        "/api/file/removeFile",
        { path: `/data/storage/petal/${this.name}/${name}` },
        (response) => {
          delete this.data[name];
          resolve(response);
        },
      );
    });
  }
}
