/** Reads a `.env` file: the variables it sets, none when it does not exist. */
import { readFile } from "node:fs/promises";
import { parse as parseDotenv } from "dotenv";
import { localised } from "../i18n/localised.js";
import { errorMessage } from "../util/errors.js";
import { ConfigError } from "./config-error.js";

/** The variables `file` sets; `{}` when there is no such file, a `ConfigError` when it cannot be read. */
export async function readDotenv(file: string): Promise<Record<string, string>> {
  try {
    return parseDotenv(await readFile(file));
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return {};
    throw new ConfigError(
      file,
      localised("errorsConfig.unreadable", { reason: errorMessage(error) }),
      {},
      error,
    );
  }
}
