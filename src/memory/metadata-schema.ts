/**
 * The shape of a document's metadata (types.ts's `Metadata`) as a zod schema: the stores parse stored
 * metadata with it, and the memory server's contract (servers/memory/contract.ts) takes it for its tools.
 */
import { z } from "zod";

const metadataValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const metadataSchema = z.record(z.string(), metadataValue);
