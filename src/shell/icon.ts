/** The dock and command icon: a cloud over a folder tab, drawn for this plugin. */
export const ICON_ID = "iconCloudSyncDir";

export const ICON_SYMBOL = `<symbol id="${ICON_ID}" viewBox="0 0 32 32"><path d="M9 26a7 7 0 0 1-1.2-13.9A9 9 0 0 1 25 11.6 6.5 6.5 0 0 1 24.5 26H9zm0-3h15.5a3.5 3.5 0 0 0 .2-7l-1.6-.1-.4-1.6a6 6 0 0 0-11.5-.5l-.4 1.2-1.3.2A4 4 0 0 0 9 23zm3.5-5.5h3l1 1.5h4v4h-8v-5.5z"/></symbol>`;
