/**
 * What every component of a panel needs, provided once by the panel's root (CloudSyncPanel)
 * instead of passed down through each component.
 */
import { createContext } from "svelte";
import type { I18n } from "../i18n";
import type { RequestHistory } from "./request-history.svelte";
import type { TechnicalOpenMemory } from "./technical-open.svelte";

/** The interface strings in the user's language. */
export const [getI18n, setI18n] = createContext<I18n>();

/** Reads the API token at copy time only, when the user asked for it in a snippet; never kept. */
export const [getTokenReader, setTokenReader] = createContext<() => string | undefined>();

/** The request history every panel of the plugin shares. */
export const [getHistory, setHistory] = createContext<RequestHistory>();

/** Told when the user opens or closes the history, to remember it. */
export const [getHistoryToggle, setHistoryToggle] = createContext<(open: boolean) => void>();

/** Whether the "Request and response" section is open, remembered for the plugin load. */
export const [getTechnicalOpen, setTechnicalOpen] = createContext<TechnicalOpenMemory>();
