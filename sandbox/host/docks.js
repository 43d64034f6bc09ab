// @ts-check
/**
 * Plugin docks. Desktop: a right dock bar with one button per dock and a panel beside it; a
 * dock's model (and so its `init`) is created on first open, hiding is CSS only. Mobile: one
 * sidebar "plugin" panel where only one dock is alive; switching destroys the previous one.
 */
import { iconHtml, requireElement } from "./layout.js";
import { flags } from "./runtime.js";

const DEFAULT_DOCK_WIDTH = 240;

/**
 * @typedef {object} DockEntry
 * @property {any} plugin
 * @property {string} fullType plugin name + dock type
 * @property {HTMLElement} button
 * @property {HTMLElement | undefined} panel desktop panel, once opened
 * @property {any} model the dock model, once opened
 */

/** @type {Map<string, DockEntry>} */
const docks = new Map();
/** The dock shown in the mobile sidebar (the only one alive there). @type {DockEntry | undefined} */
let mobileDock;

/**
 * Finds a dock by plugin name and dock type (with or without the name prefix); the plugin's
 * first dock when `type` is omitted.
 * @param {string} pluginName
 * @param {string} [type]
 */
export function findDock(pluginName, type) {
  const fullType =
    type === undefined ? undefined : type.startsWith(pluginName) ? type : pluginName + type;
  for (const entry of docks.values()) {
    if (entry.plugin.name === pluginName && (fullType === undefined || entry.fullType === fullType))
      return entry;
  }
  throw new Error(`no dock ${type ?? "(any)"} registered by plugin ${pluginName}`);
}

/**
 * The model of an opened dock by its full type (SiYuan's `getModelByDockType`).
 * @param {string} fullType
 */
export function getModelByDockType(fullType) {
  return docks.get(fullType)?.model;
}

/**
 * Adds the button for a dock the plugin just registered.
 * @param {any} plugin
 * @param {string} fullType
 */
export function addDockButton(plugin, fullType) {
  const { config } = plugin.docks[fullType];
  const button = document.createElement("button");
  button.type = "button";
  button.className = flags.mobile ? "b3-list-item" : "dock__item ariaLabel";
  button.dataset.type = fullType;
  button.setAttribute("aria-label", config.title);
  button.setAttribute("aria-pressed", "false");
  button.innerHTML = flags.mobile
    ? `${iconHtml(config.icon, "b3-list-item__graphic")}<span class="b3-list-item__text">${config.title}</span>`
    : iconHtml(config.icon);
  /** @type {DockEntry} */
  const entry = { plugin, fullType, button, panel: undefined, model: undefined };
  button.addEventListener("click", () =>
    isDockOpen(entry) && !flags.mobile ? closeDock(entry) : openDock(entry),
  );
  requireElement(flags.mobile ? "sidebarDockList" : "dockRight").append(button);
  docks.set(fullType, entry);
}

/** @param {DockEntry} entry */
function isDockOpen(entry) {
  return entry.button.getAttribute("aria-pressed") === "true";
}

/** @param {DockEntry} entry @param {boolean} open */
function markOpen(entry, open) {
  entry.button.setAttribute("aria-pressed", String(open));
  entry.button.classList.toggle(flags.mobile ? "b3-list-item--focus" : "dock__item--active", open);
}

/**
 * Opens a dock, creating its model on first open.
 * @param {DockEntry} entry
 */
export function openDock(entry) {
  if (flags.mobile) return openMobileDock(entry);
  for (const other of docks.values()) if (other !== entry && isDockOpen(other)) closeDock(other);
  if (!entry.panel) {
    const { config } = entry.plugin.docks[entry.fullType];
    const panel = document.createElement("div");
    panel.className = `sy__${entry.fullType} dockPanel fn__flex-column`;
    panel.style.width = `${config.size?.width || DEFAULT_DOCK_WIDTH}px`;
    // SiYuan collapses the dock when a `data-type="min"` button inside it is clicked.
    panel.addEventListener("click", (event) => {
      if (event.target instanceof Element && event.target.closest('[data-type="min"]'))
        closeDock(entry);
    });
    requireElement("dockPanelsRight").append(panel);
    entry.panel = panel;
    entry.model = entry.plugin.docks[entry.fullType].model({
      element: panel,
      tab: { panelElement: panel, title: config.title },
    });
  }
  entry.panel.classList.remove("fn__none");
  markOpen(entry, true);
}

/**
 * Shows a dock in the mobile sidebar; the previously shown dock is destroyed first.
 * @param {DockEntry} entry
 */
function openMobileDock(entry) {
  requireElement("sidebar").classList.remove("fn__none");
  if (mobileDock === entry) {
    entry.model?.update?.();
    return;
  }
  if (mobileDock) {
    mobileDock.model?.destroy?.();
    mobileDock.model = undefined;
    markOpen(mobileDock, false);
  }
  const container = /** @type {HTMLElement} */ (
    document.querySelector('#sidebar [data-type="sidebar-plugin"]')
  );
  container.innerHTML = "";
  mobileDock = entry;
  markOpen(entry, true);
  entry.model = entry.plugin.docks[entry.fullType].mobileModel(container);
}

/**
 * Hides a dock (CSS only; the model stays alive). On mobile this closes the sidebar.
 * @param {DockEntry} entry
 */
export function closeDock(entry) {
  if (flags.mobile) {
    requireElement("sidebar").classList.add("fn__none");
    return;
  }
  entry.panel?.classList.add("fn__none");
  markOpen(entry, false);
}

/**
 * Opens the docks whose config asks to be shown at start (called after the layout is ready).
 * @param {string} pluginName
 */
export function openShownDocks(pluginName) {
  for (const entry of docks.values()) {
    if (entry.plugin.name === pluginName && entry.plugin.docks[entry.fullType].config.show)
      openDock(entry);
  }
}

/**
 * Toggles the dock whose hotkey is `hotkey`; returns whether one matched.
 * @param {string} hotkey in SiYuan's Mac-symbol form
 * @param {Record<string, Record<string, {custom: string}>>} pluginKeymap
 */
export function toggleDockByHotkey(hotkey, pluginKeymap) {
  for (const entry of docks.values()) {
    if (pluginKeymap[entry.plugin.name]?.[entry.fullType]?.custom !== hotkey) continue;
    if (isDockOpen(entry)) closeDock(entry);
    else openDock(entry);
    return true;
  }
  return false;
}

/**
 * Removes a plugin's docks, calling `destroy` on every created model (SiYuan's unload).
 * @param {string} pluginName
 */
export function removePluginDocks(pluginName) {
  for (const [fullType, entry] of docks) {
    if (entry.plugin.name !== pluginName) continue;
    entry.model?.destroy?.();
    entry.panel?.remove();
    entry.button.remove();
    if (mobileDock === entry) {
      mobileDock = undefined;
      const container = document.querySelector('#sidebar [data-type="sidebar-plugin"]');
      if (container) container.innerHTML = "";
    }
    docks.delete(fullType);
  }
}
