/**
 * What `agente doctor` says about the memory: which server offers it, where its store lives and how many
 * documents it holds (the memory server's `memoria://almacen` resource).
 */
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { McpHub } from "../mcp/hub.js";
import {
  formatStoreReport,
  STORE_RESOURCE_URI,
  storeReportSchema,
} from "../servers/memory/store-resource.js";
import { errorMessage } from "../util/errors.js";

/** `server memory: sqlite:/…/memory.db, 12 documents, embedder offline`, or undefined when no server reports one. */
export async function memoryStoreLines(
  hub: McpHub,
  translate: Translator = createTranslator("en"),
): Promise<Array<{ ok: boolean; server: string; detail: string }>> {
  const resources = await hub.listResources().catch(() => []);
  const offering = resources.filter((resource) => resource.uri === STORE_RESOURCE_URI);
  return Promise.all(
    offering.map(async ({ server }) => {
      try {
        const result = await hub.readResource(server, STORE_RESOURCE_URI);
        const first = result.contents[0];
        const text =
          first !== undefined && "text" in first && typeof first.text === "string" ? first.text : "";
        const report = storeReportSchema.parse(JSON.parse(text));
        return {
          ok: true,
          server,
          detail: translate("cliOutput.doctor.store", { report: formatStoreReport(report) }),
        };
      } catch (error) {
        return {
          ok: false,
          server,
          detail: translate("cliOutput.doctor.storeUnreadable", { error: errorMessage(error) }),
        };
      }
    }),
  );
}
