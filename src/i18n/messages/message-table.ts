/**
 * One entry of the catalogue: the same message in both languages. `{name}` marks a parameter; both
 * languages must use the same parameters (a test checks it).
 */
export interface Message {
  en: string;
  es: string;
}

export type MessageTable = Record<string, Message>;
