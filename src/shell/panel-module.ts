/**
 * The line between what SiYuan evaluates at every start and what waits for a panel to open
 * (docs/embedded-panel.md).
 *
 * `npm run build` replaces this file (scripts/vite-embed-module.ts, set up in vite.config.ts):
 * the graph of ./panel-host, Svelte and the whole panel included, is then shipped inside index.js
 * as text with its CSS, and `load()` evaluates it on the first call. Here, for Vitest and the
 * type checks, the same module is imported directly and brings no CSS of its own.
 */
import * as panelHost from "./panel-host";

export interface PanelModule {
  readonly exports: typeof panelHost;
  /** The panel's stylesheet, attached when a panel first mounts. */
  readonly css: string;
}

export function load(): PanelModule {
  return { exports: panelHost, css: "" };
}
