// @ts-check
/** `Menu`: one shared context menu element, like SiYuan's `#commonMenu`. */
import { flags } from "../runtime.js";

/**
 * @typedef {object} MenuItem
 * @property {string} [label] HTML
 * @property {string} [icon] svg symbol id
 * @property {string} [iconHTML]
 * @property {string} [accelerator]
 * @property {boolean} [disabled]
 * @property {boolean} [current]
 * @property {"separator" | "readonly"} [type] submenus are not supported by the sandbox
 * @property {string} [id]
 * @property {(element: HTMLElement) => void} [bind]
 * @property {(element: HTMLElement, event: MouseEvent) => boolean | void | Promise<boolean | void>} [click]
 *   returning true keeps the menu open
 */

/** The Menu that currently owns the shared element. @type {{menu: Menu | undefined}} */
const owner = { menu: undefined };

function sharedMenuElement() {
  let element = document.getElementById("commonMenu");
  if (!element) {
    element = document.createElement("div");
    element.id = "commonMenu";
    element.className = "b3-menu fn__none";
    element.setAttribute("role", "menu");
    element.innerHTML = '<div class="b3-menu__items"></div>';
    document.body.append(element);
  }
  return element;
}

export class Menu {
  /**
   * Takes over the shared menu element, closing whatever menu used it.
   * @param {string} [id]
   * @param {() => void} [closeCallback]
   */
  constructor(id, closeCallback) {
    owner.menu?.close();
    this.element = sharedMenuElement();
    this.element.dataset.name = id ?? "";
    this.itemsElement = /** @type {HTMLElement} */ (this.element.querySelector(".b3-menu__items"));
    this.itemsElement.replaceChildren();
    this.closeCallback = closeCallback;
    this.isOpen = false;
    owner.menu = this;
  }

  /**
   * @param {MenuItem} item
   * @returns {HTMLElement}
   */
  addItem(item) {
    if (item.type === "separator") return this.addSeparator();
    const element = document.createElement("button");
    element.className = `b3-menu__item${item.disabled ? " b3-menu__item--disabled" : ""}${item.current ? " b3-menu__item--current" : ""}`;
    element.setAttribute("role", "menuitem");
    element.disabled = Boolean(item.disabled) || item.type === "readonly";
    if (item.id) element.dataset.id = item.id;
    const icon =
      item.iconHTML ??
      (item.icon ? `<svg class="b3-menu__icon"><use xlink:href="#${item.icon}"></use></svg>` : "");
    const accelerator = item.accelerator
      ? `<span class="b3-menu__accelerator">${item.accelerator}</span>`
      : "";
    element.innerHTML = `${icon}<span class="b3-menu__label">${item.label ?? ""}</span>${accelerator}`;
    element.addEventListener("click", async (event) => {
      if (item.disabled || !item.click) return;
      const keepOpen = await item.click(element, event);
      if (keepOpen !== true) this.close();
    });
    item.bind?.(element);
    this.itemsElement.append(element);
    return element;
  }

  /** @returns {HTMLElement} */
  addSeparator() {
    const separator = document.createElement("div");
    separator.className = "b3-menu__separator";
    this.itemsElement.append(separator);
    return separator;
  }

  /**
   * Opens the menu at a point, kept inside the viewport.
   * @param {{x: number, y: number, isLeft?: boolean}} position
   */
  open(position) {
    if (flags.mobile) return this.fullscreen();
    this.element.classList.remove("fn__none", "b3-menu--fullscreen");
    const { width, height } = this.element.getBoundingClientRect();
    const left = position.isLeft ? position.x - width : position.x;
    this.element.style.left = `${Math.max(0, Math.min(left, innerWidth - width))}px`;
    this.element.style.top = `${Math.max(0, Math.min(position.y, innerHeight - height))}px`;
    this.show();
  }

  /** Opens the menu as a full-width sheet (SiYuan's mobile menu). */
  fullscreen() {
    this.element.classList.remove("fn__none");
    this.element.classList.add("b3-menu--fullscreen");
    this.element.style.left = "";
    this.element.style.top = "";
    this.show();
  }

  /** @private */
  show() {
    this.isOpen = true;
    /** @type {HTMLElement | null} */ (
      this.itemsElement.querySelector(".b3-menu__item:not(:disabled)")
    )?.focus();
  }

  close() {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.element.classList.add("fn__none");
    this.closeCallback?.();
  }
}

document.addEventListener("mousedown", (event) => {
  const menu = owner.menu;
  if (menu?.isOpen && !menu.element.contains(/** @type {Node} */ (event.target))) menu.close();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && owner.menu?.isOpen) owner.menu.close();
});
