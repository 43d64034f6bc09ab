// @ts-check
/** Places plugin elements in the host layout: top bar items and status bar items. */
import { flags } from "./runtime.js";

/** @param {string} icon a symbol id ("iconX") or an `<svg>` tag */
export function iconHtml(icon, className = "") {
  const classAttribute = className ? ` class="${className}"` : "";
  return icon.startsWith("<svg")
    ? icon
    : `<svg${classAttribute}><use xlink:href="#${icon}"></use></svg>`;
}

/**
 * Escapes text for use inside HTML (SiYuan inserts titles and messages as innerHTML).
 * @param {string} text
 */
export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** @param {string} id */
export function requireElement(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`sandbox layout is missing #${id}`);
  return element;
}

/**
 * Desktop: a `.toolbar__item` in the top bar. Mobile: a `b3-menu__item` in the plugin menu.
 * @param {string} pluginName
 * @param {number} index
 * @param {{icon: string, title: string, callback: (event: MouseEvent) => void, position?: "right" | "left"}} options
 */
export function addTopBarItem(pluginName, index, { icon, title, callback, position }) {
  const element = document.createElement("button");
  element.type = "button";
  if (flags.mobile) {
    element.className = "b3-menu__item";
    element.innerHTML = `${iconHtml(icon, "b3-menu__icon")}<span class="b3-menu__label">${title}</span>`;
    requireElement("menuPlugins").append(element);
  } else {
    element.id = `plugin_${pluginName}_${index}`;
    element.className = "toolbar__item ariaLabel";
    element.setAttribute("aria-label", title);
    element.innerHTML = iconHtml(icon);
    requireElement(position === "left" ? "toolbarPluginsLeft" : "toolbarPluginsRight").append(
      element,
    );
  }
  element.addEventListener("click", callback);
  return element;
}

/**
 * @param {HTMLElement} element
 * @param {"left" | "right"} position
 */
export function addStatusBarItem(element, position) {
  requireElement(position === "left" ? "statusLeft" : "statusRight").append(element);
}
