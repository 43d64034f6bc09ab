import { Plugin } from "siyuan";
import { addBaselineDock } from "../../dock";

/** Baseline (a): one dock with an empty element, no framework. */
export default class HelloBaseline extends Plugin {
  override onload(): void {
    addBaselineDock(this, () => undefined);
  }
}
