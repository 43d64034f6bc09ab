// @ts-check
/** `Dialog` and `confirm`, rebuilt from SiYuan's documented DOM and behaviour. */
import { flags, siyuan } from "../runtime.js";

/** Time the closing animation takes before the element is removed. */
const CLOSE_DELAY_MS = 150;

/**
 * @typedef {object} DialogOptions
 * @property {string} [title] HTML
 * @property {string} content HTML
 * @property {string} [width]
 * @property {string} [height]
 * @property {(options?: any) => void} [destroyCallback]
 * @property {boolean} [disableClose] Escape and the scrim do not close it
 * @property {boolean} [hideCloseIcon]
 * @property {boolean} [transparent]
 * @property {boolean} [disableAnimation]
 */

/** Open dialogs, newest last; Escape closes the newest. @type {Dialog[]} */
const openDialogs = [];

export class Dialog {
  /** @param {DialogOptions} options */
  constructor(options) {
    this.options = options;
    this.disableClose = Boolean(options.disableClose);
    /** @type {any} */
    this.data = undefined;
    /** @type {Record<string, unknown>} */
    this.editors = {};
    this.element = document.createElement("div");
    this.element.className = "b3-dialog b3-dialog--open";
    this.element.setAttribute("role", "dialog");
    this.element.setAttribute("aria-modal", "true");
    const width = options.width ?? (flags.mobile ? "92vw" : "auto");
    const closeIconClass = flags.mobile && !options.hideCloseIcon ? "" : " fn__none";
    this.element.innerHTML = `<div class="b3-dialog__scrim"${options.transparent ? ' style="background-color:transparent"' : ""}></div>
<div class="b3-dialog__container" style="width:${width};height:${options.height ?? "auto"}">
  <svg class="b3-dialog__close${closeIconClass}" role="button" aria-label="${siyuan.languages?.close ?? "Close"}"><use xlink:href="#iconClose"></use></svg>
  <div class="b3-dialog__header${options.title ? "" : " fn__none"}">${options.title ?? ""}</div>
  <div class="b3-dialog__body">${options.content}</div>
</div>`;
    const scrim = /** @type {HTMLElement} */ (this.element.querySelector(".b3-dialog__scrim"));
    scrim.addEventListener("click", () => {
      if (!this.disableClose) this.destroy();
    });
    this.element
      .querySelector(".b3-dialog__close")
      ?.addEventListener("click", () => this.destroy());
    document.body.append(this.element);
    openDialogs.push(this);
  }

  /**
   * Closes the dialog; the element goes after the animation, then destroyCallback runs.
   * @param {any} [options] passed to destroyCallback
   */
  destroy(options) {
    const index = openDialogs.indexOf(this);
    if (index < 0) return;
    openDialogs.splice(index, 1);
    this.element.classList.remove("b3-dialog--open");
    const finish = () => {
      this.element.remove();
      this.options.destroyCallback?.(options);
    };
    if (this.options.disableAnimation) finish();
    else window.setTimeout(finish, CLOSE_DELAY_MS);
  }

  /**
   * Focuses an input; Enter runs `onEnter`, Escape closes the dialog.
   * @param {HTMLInputElement | HTMLTextAreaElement} input
   * @param {() => void} [onEnter]
   */
  bindInput(input, onEnter) {
    input.focus();
    input.addEventListener("keydown", (event) => {
      if (!(event instanceof KeyboardEvent) || event.isComposing) return;
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        this.destroy();
      } else if (event.key === "Enter" && onEnter && !(input instanceof HTMLTextAreaElement)) {
        event.preventDefault();
        onEnter();
      }
    });
  }
}

document.addEventListener("keydown", (event) => {
  const newest = openDialogs.at(-1);
  if (event.key !== "Escape" || !newest || newest.disableClose) return;
  event.preventDefault();
  newest.destroy();
});

/**
 * SiYuan's confirm dialog. `text` is HTML. Closing it without confirming calls `onCancel`.
 * @param {string} title
 * @param {string} text
 * @param {(dialog: Dialog) => void} [onConfirm]
 * @param {(dialog: Dialog) => void} [onCancel]
 */
export function confirm(title, text, onConfirm, onCancel) {
  let confirmed = false;
  const dialog = new Dialog({
    title,
    content: `<div class="b3-dialog__content"><div class="ft__breakword">${text}</div></div>
<div class="b3-dialog__action">
  <button class="b3-button b3-button--cancel" data-action="cancel">${siyuan.languages.cancel}</button><div class="fn__space"></div>
  <button class="b3-button b3-button--text" data-action="confirm" id="confirmDialogConfirmBtn">${siyuan.languages.confirm}</button>
</div>`,
    width: flags.mobile ? "92vw" : "520px",
    destroyCallback: () => {
      if (!confirmed) onCancel?.(dialog);
    },
  });
  dialog.element
    .querySelector('[data-action="cancel"]')
    ?.addEventListener("click", () => dialog.destroy());
  dialog.element.querySelector('[data-action="confirm"]')?.addEventListener("click", () => {
    confirmed = true;
    onConfirm?.(dialog);
    dialog.destroy();
  });
}
