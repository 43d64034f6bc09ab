// @ts-check
/** `showMessage` / `hideMessage`: SiYuan's toast messages. */
import { messages } from "../runtime.js";

/** @type {WeakMap<Element, number>} pending auto-close timers per toast */
const closeTimers = new WeakMap();

function messageContainer() {
  let container = document.getElementById("message");
  if (!container) {
    container = document.createElement("div");
    container.id = "message";
    container.className = "b3-snackbars";
    document.body.append(container);
  }
  return container;
}

/**
 * Shows a toast. `text` is HTML, like in SiYuan.
 * @param {string} text
 * @param {number} [timeout] ms; 0 = stays until closed by the user, -1 = cannot be closed
 * @param {"info" | "error"} [type]
 * @param {string} [id] reuses the toast with this id
 */
export function showMessage(text, timeout = 6000, type = "info", id) {
  messages.push(text);
  // SiYuan shows nothing for an empty text (e.g. a synthesized HTTP/2 error with no statusText).
  if (!text) return;
  const container = messageContainer();
  let toast = id ? container.querySelector(`[data-id="${CSS.escape(id)}"]`) : null;
  if (!toast) {
    toast = document.createElement("div");
    container.append(toast);
  }
  toast.className = `b3-snackbar b3-snackbar--${type}`;
  toast.setAttribute("role", type === "error" ? "alert" : "status");
  if (id) toast.setAttribute("data-id", id);
  toast.innerHTML = `<div class="b3-snackbar__content">${text}</div>`;
  if (timeout === 0) {
    const close = document.createElement("button");
    close.className = "b3-snackbar__close";
    close.setAttribute("aria-label", "Close message");
    close.innerHTML = '<svg><use xlink:href="#iconClose"></use></svg>';
    close.addEventListener("click", () => toast.remove());
    toast.append(close);
  }
  clearTimeout(closeTimers.get(toast));
  if (timeout > 0) {
    const shown = toast;
    closeTimers.set(
      toast,
      window.setTimeout(() => shown.remove(), timeout),
    );
  }
}

/**
 * Hides the toast with `id`, or every toast.
 * @param {string} [id]
 */
export function hideMessage(id) {
  const container = messageContainer();
  const selector = id ? `[data-id="${CSS.escape(id)}"]` : ".b3-snackbar";
  for (const toast of container.querySelectorAll(selector)) toast.remove();
}
