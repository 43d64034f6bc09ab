// @ts-check
/**
 * Plugin commands: the command palette (Ctrl+Shift+P), which lists
 * `${displayName}: ${langText || i18n[langKey]}` and runs `callback`/`globalCallback`, and
 * keyboard shortcuts in SiYuan's Mac-symbol notation (⌘ means Ctrl off macOS).
 */
import { Dialog } from "./api/dialog.js";
import { toggleDockByHotkey } from "./docks.js";
import { plugins, siyuan } from "./runtime.js";

const PALETTE_HOTKEY = "⇧⌘P";

/** Keys whose SiYuan hotkey symbol differs from `KeyboardEvent.key`. @type {Record<string, string>} */
const keySymbols = {
  Backspace: "⌫",
  Delete: "⌦",
  Enter: "↩",
  Tab: "⇥",
  Escape: "⎋",
  ArrowUp: "↑",
  ArrowDown: "↓",
  ArrowLeft: "←",
  ArrowRight: "→",
  " ": "Space",
};

/**
 * The hotkey string of a key event, e.g. Ctrl+Shift+P → "⇧⌘P".
 * @param {KeyboardEvent} event
 */
export function hotkeyOf(event) {
  const code = /^(Key|Digit)(.)$/.exec(event.code);
  const key =
    code?.[2] ??
    keySymbols[event.key] ??
    (event.key.length === 1 ? event.key.toUpperCase() : event.key);
  return `${event.altKey ? "⌥" : ""}${event.shiftKey ? "⇧" : ""}${event.ctrlKey || event.metaKey ? "⌘" : ""}${key}`;
}

/**
 * @typedef {object} CommandEntry
 * @property {any} plugin
 * @property {any} command
 * @property {string} label
 */

/** @returns {CommandEntry[]} every command of every loaded plugin */
function commandEntries() {
  return [...plugins.values()].flatMap((plugin) =>
    plugin.commands.map((/** @type {any} */ command) => ({
      plugin,
      command,
      label: `${plugin.displayName}: ${command.langText || plugin.i18n[command.langKey]}`,
    })),
  );
}

/** @param {any} command */
function runEntryCommand(command) {
  (command.callback ?? command.globalCallback)?.();
}

/**
 * Runs a plugin command like the palette does.
 * @param {string} pluginName
 * @param {string} langKey
 */
export function runCommand(pluginName, langKey) {
  const entry = commandEntries().find(
    (item) => item.plugin.name === pluginName && item.command.langKey === langKey,
  );
  if (!entry) throw new Error(`no command ${langKey} in plugin ${pluginName}`);
  runEntryCommand(entry.command);
}

/** Opens the command palette: type to filter, ↑/↓ to move, Enter to run. */
export function openCommandPalette() {
  if (document.getElementById("commandPalette")) return;
  const dialog = new Dialog({
    title: siyuan.languages.commandPanel,
    width: "min(560px, 92vw)",
    content: `<div class="b3-dialog__content" id="commandPalette">
  <input class="b3-text-field fn__block" role="combobox" aria-expanded="true" aria-controls="commandPaletteList" aria-label="${siyuan.languages.commandPanel}">
  <div class="fn__hr"></div>
  <ul class="b3-list b3-list--background" role="listbox" id="commandPaletteList"></ul>
</div>`,
  });
  const input = /** @type {HTMLInputElement} */ (dialog.element.querySelector("input"));
  const list = /** @type {HTMLElement} */ (dialog.element.querySelector("#commandPaletteList"));
  const entries = commandEntries();
  /** @type {CommandEntry[]} */
  let shown = [];
  let selected = 0;
  const run = (/** @type {CommandEntry | undefined} */ entry) => {
    if (!entry) return;
    dialog.destroy();
    runEntryCommand(entry.command);
  };
  const render = () => {
    const filter = input.value.trim().toLowerCase();
    shown = entries.filter((entry) => entry.label.toLowerCase().includes(filter));
    selected = Math.min(selected, Math.max(0, shown.length - 1));
    list.replaceChildren(
      ...shown.map((entry, index) => {
        const item = document.createElement("li");
        item.className = `b3-list-item${index === selected ? " b3-list-item--focus" : ""}`;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", String(index === selected));
        item.textContent = entry.label;
        item.addEventListener("click", () => run(entry));
        return item;
      }),
    );
    if (shown.length === 0) list.innerHTML = '<li class="b3-list--empty">No matching command</li>';
  };
  input.addEventListener("input", () => {
    selected = 0;
    render();
  });
  dialog.bindInput(input, () => run(shown[selected]));
  input.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    selected = (selected + step + shown.length) % Math.max(1, shown.length);
    render();
  });
  render();
}

/**
 * Global shortcuts: the palette, plugin commands (only those with nothing but `callback`,
 * as in SiYuan) and dock hotkeys.
 * @param {KeyboardEvent} event
 */
function onKeydown(event) {
  if (event.isComposing || ["Shift", "Control", "Alt", "Meta"].includes(event.key)) return;
  const hotkey = hotkeyOf(event);
  if (hotkey === PALETTE_HOTKEY) {
    event.preventDefault();
    openCommandPalette();
    return;
  }
  for (const { command } of commandEntries()) {
    const onlyCallback =
      command.callback &&
      !command.globalCallback &&
      !command.fileTreeCallback &&
      !command.editorCallback &&
      !command.dockCallback;
    if (onlyCallback && command.customHotkey === hotkey) {
      event.preventDefault();
      command.callback();
      return;
    }
  }
  if (toggleDockByHotkey(hotkey, siyuan.config.keymap.plugin)) event.preventDefault();
}

export function installHotkeys() {
  document.addEventListener("keydown", onKeydown);
}
