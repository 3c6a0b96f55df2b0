import { type LocalisedText, localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";
import type { EmbedderIdentity } from "./types.js";

/** A collection's vectors come from another embedder than the one in use: searching or adding would mix spaces. */
export class EmbedderMismatchError extends UserError {
  readonly collection: string;
  readonly stored: EmbedderIdentity;
  readonly requested: EmbedderIdentity;

  constructor(collection: string, stored: EmbedderIdentity, requested: EmbedderIdentity) {
    super(
      localised("errorsMemory.embedderMismatch", {
        collection,
        stored: describe(stored),
        requested: describe(requested),
      }),
      {
        hint: localised("errorsMemory.embedderMismatchHint", {
          collection,
          name: requested.name,
          storedName: stored.name,
        }),
      },
    );
    this.collection = collection;
    this.stored = stored;
    this.requested = requested;
  }
}

function describe(embedder: EmbedderIdentity): LocalisedText {
  return localised("errorsMemory.embedder", { name: embedder.name, dimensions: embedder.dimensions });
}
