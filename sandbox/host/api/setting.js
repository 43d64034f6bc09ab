// @ts-check
/** `Setting`: the plugin settings dialog built from items (docs/siyuan-plugin-platform.md §1.6). */
import { flags, siyuan } from "../runtime.js";
import { Dialog } from "./dialog.js";

/**
 * @typedef {object} SettingItem
 * @property {string} title HTML
 * @property {string} [description] HTML
 * @property {"column" | "row"} [direction]
 * @property {HTMLElement} [actionElement]
 * @property {() => HTMLElement} [createActionElement]
 */

/**
 * Renders one item as SiYuan does. "row" puts the control under the title, "column" beside it.
 * @param {SettingItem} item
 */
function renderItem(item) {
  const action = item.createActionElement ? item.createActionElement() : item.actionElement;
  const direction = item.direction ?? (!action || action.tagName === "TEXTAREA" ? "row" : "column");
  const description = item.description
    ? `<div class="b3-label__text">${item.description}</div>`
    : "";
  // A switch is wrapped in a label so clicking the title toggles it.
  const row = document.createElement(action?.classList.contains("b3-switch") ? "label" : "div");
  if (direction === "row") {
    row.className = "b3-label config-item";
    row.innerHTML = `<div class="fn__block">${item.title}${description}</div>`;
    if (action) {
      const block = /** @type {HTMLElement} */ (row.firstElementChild);
      block.append(Object.assign(document.createElement("div"), { className: "fn__hr" }), action);
    }
    return row;
  }
  row.className = "fn__flex b3-label config-item";
  row.innerHTML = `<div class="fn__flex-1">${item.title}${description}</div><span class="fn__space"></span>`;
  if (action) {
    action.classList.add("fn__flex-center");
    row.append(action);
  }
  return row;
}

export class Setting {
  /**
   * @param {{width?: string, height?: string, confirmCallback?: () => void, destroyCallback?: () => void}} options
   */
  constructor(options) {
    this.options = options;
    /** @type {SettingItem[]} */
    this.items = [];
    /** @type {Dialog | undefined} */
    this.dialog = undefined;
  }

  /** @param {SettingItem} item */
  addItem(item) {
    this.items.push(item);
  }

  /**
   * Opens the dialog titled `name`. Cancel/Save (and Enter to save) exist only with confirmCallback.
   * @param {string} name
   */
  open(name) {
    const { confirmCallback } = this.options;
    const actions = confirmCallback
      ? `<div class="b3-dialog__action"><button class="b3-button b3-button--cancel" data-action="cancel">${siyuan.languages.cancel}</button><div class="fn__space"></div><button class="b3-button b3-button--text" data-action="save">${siyuan.languages.save}</button></div>`
      : "";
    const dialog = new Dialog({
      title: name,
      content: `<div class="b3-dialog__content"></div>${actions}`,
      width: this.options.width ?? (flags.mobile ? "92vw" : "768px"),
      height: this.options.height ?? "80vh",
      destroyCallback: this.options.destroyCallback,
    });
    this.dialog = dialog;
    const content = /** @type {HTMLElement} */ (
      dialog.element.querySelector(".b3-dialog__content")
    );
    for (const item of this.items) content.append(renderItem(item));
    if (!confirmCallback) return;
    const save = () => {
      confirmCallback();
      dialog.destroy();
    };
    dialog.element
      .querySelector('[data-action="cancel"]')
      ?.addEventListener("click", () => dialog.destroy());
    dialog.element.querySelector('[data-action="save"]')?.addEventListener("click", save);
    content.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing && event.target instanceof HTMLInputElement) {
        event.preventDefault();
        save();
      }
    });
  }
}
