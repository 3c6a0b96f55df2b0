import { UserError } from "../util/errors.js";
import type { EmbedderIdentity } from "./types.js";

/** A collection's vectors come from another embedder than the one in use: searching or adding would mix spaces. */
export class EmbedderMismatchError extends UserError {
  readonly collection: string;
  readonly stored: EmbedderIdentity;
  readonly requested: EmbedderIdentity;

  constructor(collection: string, stored: EmbedderIdentity, requested: EmbedderIdentity) {
    super(
      `collection "${collection}" was indexed with embedder ${describe(stored)}, not ${describe(requested)}`,
      {
        hint: `run \`agente memory reindex --collection ${collection}\` to re-embed it with ${requested.name}, or set AGENTE_EMBEDDER=${stored.name}`,
      },
    );
    this.collection = collection;
    this.stored = stored;
    this.requested = requested;
  }
}

function describe(embedder: EmbedderIdentity): string {
  return `${embedder.name} (${embedder.dimensions} dimensions)`;
}
