/**
 * What one call of the memory server may see and change, from the person `agente serve` names in the
 * call's `_meta` (contract.ts `PERSON_META_KEY`). Errors are for the model: they say what to do instead.
 */
import {
  collectionVisible,
  isPrivateCollection,
  privateCollection,
  type SearchFilter,
  type StoredDocument,
} from "../../memory/types.js";
import { DEFAULT_COLLECTION, PERSON_META_KEY, type PersonMeta, personMetaSchema } from "./contract.js";

/** The person of a call, or undefined when the call names none (the CLI: everything is visible). */
export function personOfCall(meta: Record<string, unknown> | undefined): PersonMeta | undefined {
  const value = meta?.[PERSON_META_KEY];
  if (value === undefined) return undefined;
  // A malformed person is refused, never read as "no person" (which would see everything).
  const parsed = personMetaSchema.safeParse(value);
  if (!parsed.success) throw new Error(`the call's ${PERSON_META_KEY} is malformed`);
  return parsed.data;
}

/** `filter` narrowed to what the person may see. */
export function scopedFilter(filter: SearchFilter, person: PersonMeta | undefined): SearchFilter {
  return person === undefined ? filter : { ...filter, visibleTo: person.id };
}

/**
 * Where a write goes: the collection asked for, else the shared default for people who may publish and
 * their private collection for the others. Throws when the person may not write there.
 */
export function writableCollection(asked: string | undefined, person: PersonMeta | undefined): string {
  if (person === undefined) return asked ?? DEFAULT_COLLECTION;
  const own = privateCollection(person.id);
  const collection = asked ?? (person.publish ? DEFAULT_COLLECTION : own);
  if (isPrivateCollection(collection) && collection !== own)
    throw new Error(`collection "${collection}" is another person's: leave coleccion out`);
  if (!isPrivateCollection(collection) && !person.publish)
    throw new Error(
      `this person's role may not add to the shared collection "${collection}": leave coleccion out to keep it in their private memory`,
    );
  return collection;
}

/** Whether the person may delete the document: their own private ones, and shared ones with `publish`. */
export function mayForget(document: StoredDocument, person: PersonMeta | undefined): boolean {
  if (person === undefined) return true;
  if (!collectionVisible(document.collection, { visibleTo: person.id })) return false;
  return isPrivateCollection(document.collection) || person.publish;
}
