/**
 * A connected server's resources, prompts, templates and completions, asked through its SDK `Client`.
 * Lists are asked without a cursor: the SDK walks every page and honours the server's caching hints
 * (`ttlMs`, `cacheScope`; a `list_changed` evicts), so an unchanged list is not fetched again.
 */
import type {
  Client,
  CompleteRequestParams,
  CompleteResult,
  Prompt,
  Resource,
  ResourceTemplateType,
} from "@modelcontextprotocol/client";

export async function resourcesOf(client: Client): Promise<Resource[]> {
  if (!client.getServerCapabilities()?.resources) return [];
  return (await client.listResources()).resources;
}

export async function resourceTemplatesOf(client: Client): Promise<ResourceTemplateType[]> {
  if (!client.getServerCapabilities()?.resources) return [];
  return (await client.listResourceTemplates()).resourceTemplates;
}

export async function promptsOf(client: Client): Promise<Prompt[]> {
  if (!client.getServerCapabilities()?.prompts) return [];
  return (await client.listPrompts()).prompts;
}

/** `completion/complete`; no values when the server does not offer completions. */
export async function completionOf(client: Client, params: CompleteRequestParams): Promise<CompleteResult> {
  if (!client.getServerCapabilities()?.completions) return { completion: { values: [] } };
  return client.complete(params);
}
