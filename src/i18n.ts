import type english from "../public/i18n/en_US.json";

/** The one key set: `en_US.json` defines it and a test holds every other language file to it. */
export type I18n = { readonly [Key in keyof typeof english]: string };
export type I18nKey = keyof I18n;

/** A value is text, a number, or another message (e.g. a provider's name) translated in turn. */
export type MessageVars = Readonly<Record<string, string | number | Message>>;

/** Something to tell the user, before it is put into their language. */
export interface Message {
  readonly key: I18nKey;
  readonly vars?: MessageVars;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; unknown ones stay visible so a missing value is noticed. */
export function format(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function translate(i18n: I18n, message: Message): string {
  const vars = Object.fromEntries(
    Object.entries(message.vars ?? {}).map(([name, value]) => [
      name,
      typeof value === "object" ? translate(i18n, value) : value,
    ]),
  );
  return format(i18n[message.key], vars);
}
