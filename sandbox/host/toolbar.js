// @ts-check
/**
 * Host chrome: the top toolbar switches (theme, language, mobile width, command palette) and
 * the plugin list with a settings gear and Disable/Enable per plugin.
 */
import { openCommandPalette } from "./commands.js";
import { control } from "./control-panel.js";
import { escapeHtml, requireElement } from "./layout.js";
import { knownPetals, loadPlugin, unloadPlugin } from "./loader.js";
import { flags, plugins, siyuan, urlWithQuery } from "./runtime.js";

/**
 * Applies a theme like SiYuan: `<html data-theme-mode>` and `config.appearance.mode`.
 * @param {"light" | "dark"} theme
 */
export function applyTheme(theme) {
  document.documentElement.dataset.themeMode = theme;
  siyuan.config.appearance.mode = theme === "dark" ? 1 : 0;
  const button = requireElement("sandboxTheme");
  button.setAttribute("aria-pressed", String(theme === "dark"));
  button.textContent = theme === "dark" ? "Dark" : "Light";
}

/** @param {boolean} doubleMode whether the language can be pushed to the kernel double */
export function bindToolbar(doubleMode) {
  requireElement("sandboxTheme").addEventListener("click", () => {
    const theme = document.documentElement.dataset.themeMode === "dark" ? "light" : "dark";
    applyTheme(theme);
    history.replaceState(null, "", urlWithQuery({ theme }));
  });
  const langButton = requireElement("sandboxLang");
  langButton.textContent = siyuan.config.lang === "zh_CN" ? "English" : "中文";
  langButton.addEventListener("click", async () => {
    const lang = siyuan.config.lang === "zh_CN" ? "en_US" : "zh_CN";
    if (doubleMode) await control("/__sandbox/state", { lang });
    location.assign(urlWithQuery({ lang }));
  });
  const mobileButton = requireElement("sandboxMobile");
  mobileButton.setAttribute("aria-pressed", String(flags.mobile));
  mobileButton.addEventListener("click", () =>
    location.assign(urlWithQuery({ mobile: flags.mobile ? null : "1" })),
  );
  requireElement("sandboxCommandPalette").addEventListener("click", openCommandPalette);
  requireElement("sandboxDocks").addEventListener("click", () =>
    requireElement("sidebar").classList.toggle("fn__none"),
  );
  requireElement("sidebarClose").addEventListener("click", () =>
    requireElement("sidebar").classList.add("fn__none"),
  );
}

/**
 * The gear shows when the plugin has a `setting` or its own class defines `openSetting`
 * (an inherited openSetting does not count, as in SiYuan's bazaar page).
 * @param {any} plugin
 */
function hasSettings(plugin) {
  return (
    Boolean(plugin.setting) ||
    Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(plugin), "openSetting")
  );
}

/** Re-renders the plugin list from the known petals and the loaded plugins. */
export function renderPluginList() {
  const list = requireElement("pluginList");
  list.replaceChildren(
    ...[...knownPetals.values()].map((petal) => {
      const plugin = plugins.get(petal.name);
      const item = document.createElement("li");
      item.className = "b3-list-item sandbox-plugin";
      item.dataset.plugin = petal.name;
      const name = escapeHtml(petal.displayName);
      item.innerHTML = `<span class="b3-list-item__text fn__ellipsis">${name}</span>
${plugin && hasSettings(plugin) ? `<button class="block__icon block__icon--show ariaLabel" data-action="settings" aria-label="Settings of ${name}"><svg><use xlink:href="#iconSettings"></use></svg></button>` : ""}
<button class="b3-button b3-button--small ${plugin ? "b3-button--outline" : "b3-button--text"}" data-action="toggle">${plugin ? "Disable plugin" : "Enable plugin"}</button>`;
      item
        .querySelector('[data-action="settings"]')
        ?.addEventListener("click", () => plugin.openSetting());
      item.querySelector('[data-action="toggle"]')?.addEventListener("click", () => {
        if (plugin) unloadPlugin(petal.name);
        else loadPlugin(petal.name).catch((error) => console.error(error));
      });
      return item;
    }),
  );
  if (knownPetals.size === 0)
    list.innerHTML = '<li class="b3-list--empty">No plugin found in the plugin folder</li>';
}
