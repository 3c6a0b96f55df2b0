/**
 * Whether a model file could be downloaded now, without downloading it: one HEAD request to its source.
 * `agente doctor` and the chat's model line use it, so "not downloaded yet" is said only when the first
 * question could really fetch it.
 */
import { type LocalisedText, localised } from "../i18n/localised.js";
import { displayUrl, moveCredentialsToHeader } from "../util/url-credentials.js";
import { type FetchFunction, networkReason } from "./download-model.js";
import type { ModelSource } from "./known-models.js";

export type SourceProbe = { reachable: true } | { reachable: false; reason: LocalisedText };

export async function probeModelSource(
  source: ModelSource,
  options: { fetch?: FetchFunction; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<SourceProbe> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  const shown = displayUrl(source.url);
  let response: Response;
  try {
    const target = moveCredentialsToHeader(source.url, { method: "HEAD", signal });
    response = await (options.fetch ?? fetch)(target.url, target.init);
  } catch (error) {
    options.signal?.throwIfAborted();
    const reason = timeout.aborted ? "timeout" : networkReason(error);
    return {
      reachable: false,
      reason: localised("models.error.unreachable", { name: source.fileName, url: shown, reason }),
    };
  }
  await response.body?.cancel();
  if (response.ok) return { reachable: true };
  const status = `${response.status}${response.statusText === "" ? "" : ` ${response.statusText}`}`;
  return {
    reachable: false,
    reason: localised("models.error.status", { name: source.fileName, url: shown, status }),
  };
}
