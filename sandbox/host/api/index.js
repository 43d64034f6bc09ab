// @ts-check
/** The object `require("siyuan")` returns inside a plugin (SiYuan's runtime `API`). */
import { getModelByDockType } from "../docks.js";
import { flags, frontendName } from "../runtime.js";
import { confirm, Dialog } from "./dialog.js";
import { fetchGet, fetchPost, fetchSyncPost } from "./fetch.js";
import { Menu } from "./menu.js";
import { hideMessage, showMessage } from "./message.js";
import { Plugin } from "./plugin.js";
import { platformUtils } from "./platform-utils.js";
import { Setting } from "./setting.js";

/** Mac hotkey symbols and their names elsewhere, in the order they are written off macOS. */
const modifierNames = [
  ["⌘", "Ctrl"],
  ["⇧", "Shift"],
  ["⌥", "Alt"],
];

/**
 * SiYuan writes hotkeys with Mac symbols; off macOS they read "Ctrl+Shift+O". The sandbox
 * backend is Linux, so the conversion always applies.
 * @param {string} hotkey e.g. "⇧⌘O"
 */
export function adaptHotkey(hotkey) {
  const modifiers = modifierNames.filter(([symbol]) =>
    hotkey.includes(/** @type {string} */ (symbol)),
  );
  const key = modifierNames.reduce(
    (rest, [symbol]) => rest.replaceAll(/** @type {string} */ (symbol), ""),
    hotkey,
  );
  return [...modifiers.map(([, name]) => name), key].join("+");
}

/** A few of SiYuan's constants that plugins read. */
const Constants = Object.freeze({
  SIYUAN_VERSION: "3.7.3",
  SIYUAN_APPID: "sandbox",
  LOCAL_PLUGIN_DOCKS: "local-plugin-docks",
  LOCAL_PLUGINTOPUNPIN: "local-plugintopunpin",
  TIMEOUT_TRANSITION: 300,
  TIMEOUT_DBLCLICK: 190,
  SIZE_TOOLBAR_HEIGHT: 42,
});

/** @returns {"browser-desktop" | "browser-mobile"} */
function getFrontend() {
  return frontendName();
}

/** The sandbox pretends to run on a Linux kernel. */
function getBackend() {
  return "linux";
}

/**
 * Custom tabs are outside what the sandbox imitates: a no-op on mobile (as in SiYuan) and a
 * logged warning on desktop.
 * @param {unknown} options
 */
async function openTab(options) {
  if (!flags.mobile)
    console.warn("[sandbox] openTab is not implemented by the sandbox host", options);
  return undefined;
}

export const siyuanApi = Object.freeze({
  adaptHotkey,
  confirm,
  Constants,
  showMessage,
  hideMessage,
  fetchPost,
  fetchSyncPost,
  fetchGet,
  getFrontend,
  getBackend,
  getModelByDockType,
  openTab,
  Plugin,
  Dialog,
  Menu,
  Setting,
  platformUtils,
});
