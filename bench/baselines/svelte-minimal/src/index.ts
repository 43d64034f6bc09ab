import { Plugin } from "siyuan";
import { mount, unmount } from "svelte";
import { addBaselineDock } from "../../dock";
import Panel from "./Panel.svelte";

/** Baseline (b): a Svelte 5 dock with one input and one button, imported the usual way. */
export default class SvelteMinimalBaseline extends Plugin {
  override onload(): void {
    let component: ReturnType<typeof mount> | undefined;
    addBaselineDock(
      this,
      (target) => {
        component = mount(Panel, { target });
      },
      () => {
        if (component) void unmount(component);
        component = undefined;
      },
    );
  }
}
