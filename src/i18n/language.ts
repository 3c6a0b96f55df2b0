/**
 * Which language agente speaks to the user: `--lang`, then `AGENTE_LANG`, then the POSIX locale
 * (`LC_ALL`, `LC_MESSAGES`, `LANG`, in that order of precedence). `es*` gives Spanish, anything else English.
 */
export const LANGUAGES = ["es", "en"] as const;

export type Language = (typeof LANGUAGES)[number];

export interface LanguageSources {
  /** The `--lang` flag, when given. */
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export function resolveLanguage(sources: LanguageSources = {}): Language {
  const env = sources.env ?? process.env;
  const candidates = [sources.flag, env.AGENTE_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  const chosen = candidates.find((value) => value !== undefined && value.trim() !== "");
  return languageOf(chosen);
}

/** `es`, `es_ES.UTF-8`, `ES-mx` → Spanish; `C`, `POSIX`, `en_US`, unset → English. */
export function languageOf(value: string | undefined): Language {
  return value?.trim().toLowerCase().startsWith("es") ? "es" : "en";
}
