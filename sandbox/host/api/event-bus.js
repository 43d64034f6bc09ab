// @ts-check
/** Per-plugin event bus: an EventTarget living on a comment node in the document, like SiYuan's. */

export class EventBus {
  /** @param {string} name plugin name */
  constructor(name) {
    this.eventTarget = document.createComment(name);
    document.appendChild(this.eventTarget);
  }

  /**
   * @param {string} type
   * @param {(event: CustomEvent) => void} listener
   */
  on(type, listener) {
    this.eventTarget.addEventListener(type, /** @type {EventListener} */ (listener));
  }

  /**
   * @param {string} type
   * @param {(event: CustomEvent) => void} listener
   */
  once(type, listener) {
    this.eventTarget.addEventListener(type, /** @type {EventListener} */ (listener), {
      once: true,
    });
  }

  /**
   * @param {string} type
   * @param {(event: CustomEvent) => void} listener
   */
  off(type, listener) {
    this.eventTarget.removeEventListener(type, /** @type {EventListener} */ (listener));
  }

  /**
   * Dispatches a cancelable CustomEvent; returns false when a listener called preventDefault.
   * @param {string} type
   * @param {unknown} [detail]
   */
  emit(type, detail) {
    return this.eventTarget.dispatchEvent(new CustomEvent(type, { detail, cancelable: true }));
  }

  /** Removes the comment node (done by the host on unload). */
  dispose() {
    this.eventTarget.remove();
  }
}
