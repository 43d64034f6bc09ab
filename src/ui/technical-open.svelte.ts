import type { Surface } from "../core/host";

/**
 * Whether the "Request and response" section is open, remembered for this plugin load and shared
 * by the panels on the same kind of surface. Until the user toggles it, it is folded in a dock,
 * where the directories need the room, and open in the command dialog.
 */
export class TechnicalOpenMemory {
  #chosen = $state<Partial<Record<Surface, boolean>>>({});

  isOpen(surface: Surface): boolean {
    return this.#chosen[surface] ?? surface === "dialog";
  }

  remember(surface: Surface, open: boolean): void {
    this.#chosen[surface] = open;
  }
}
