/**
 * The documents of the web chat's memory panel (under `/api/documents`): each person sees the shared
 * documents and their own private ones. An upload goes where `x-destination` says (`shared` or `private`);
 * without it, to the shared memory for people whose role may publish and to their private memory for the
 * others. Shared needs `publish` (403 without it).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Language } from "../i18n/language.js";
import { createTranslator } from "../i18n/translator.js";
import { failureText, sendApiError } from "./api-error.js";
import type { DocumentIngester, DocumentReader } from "./documents.js";
import { pageLanguage } from "./page-routes.js";
import { type AccessPolicy, roleNamed } from "./team/access-policy.js";
import { personOf } from "./team/person.js";

export interface DocumentRoutesOptions {
  documents?: DocumentIngester;
  access: AccessPolicy;
  defaultLanguage: Language;
}

const idParams = z.looseObject({ id: z.string().min(1) });
const destination = z.enum(["shared", "private"]);

export function registerDocumentRoutes(app: FastifyInstance, options: DocumentRoutesOptions): void {
  const noMemory = (reply: FastifyReply) =>
    sendApiError(reply, 404, "this server has no document memory", "not_found_error");
  const readerOf = (request: FastifyRequest): DocumentReader => {
    const person = personOf(request);
    return { personId: person.id, publish: roleNamed(options.access, person.role).publish };
  };

  app.get("/api/documents", async (request, reply) => {
    if (options.documents === undefined) return noMemory(reply);
    const reader = readerOf(request);
    return { documents: await options.documents.list(reader), publish: reader.publish };
  });

  app.delete("/api/documents/:id", async (request, reply) => {
    if (options.documents === undefined) return noMemory(reply);
    const params = idParams.safeParse(request.params);
    if (!params.success)
      return sendApiError(reply, 400, "name a document: /api/documents/<id>", "invalid_request_error");
    if (!(await options.documents.remove(params.data.id, readerOf(request))))
      return sendApiError(reply, 404, `no document ${params.data.id}`, "not_found_error");
    return reply.code(204).send();
  });

  app.post("/api/documents", async (request, reply) => {
    if (options.documents === undefined) return noMemory(reply);
    const name = request.headers["x-file-name"];
    const bytes = request.body;
    if (typeof name !== "string" || !(bytes instanceof Uint8Array))
      return sendApiError(
        reply,
        400,
        "send the file as application/octet-stream with its name in x-file-name",
        "invalid_request_error",
      );
    const reader = readerOf(request);
    const asked = request.headers["x-destination"];
    const place = destination.safeParse(asked ?? (reader.publish ? "shared" : "private"));
    if (!place.success)
      return sendApiError(reply, 400, "x-destination is shared or private", "invalid_request_error");
    if (place.data === "shared" && !reader.publish)
      return sendApiError(
        reply,
        403,
        "your role may not add to the shared memory: send x-destination: private",
        "permission_error",
        "publish_not_allowed",
      );
    let fileName: string;
    try {
      fileName = decodeURIComponent(name);
    } catch {
      return sendApiError(reply, 400, "x-file-name is not URI-encoded", "invalid_request_error");
    }
    try {
      return {
        ...(await options.documents.add(fileName, bytes, { personId: reader.personId, place: place.data })),
        place: place.data,
      };
    } catch (error) {
      const t = createTranslator(pageLanguage(request, options.defaultLanguage));
      return sendApiError(reply, 422, failureText(error, t), "invalid_request_error", "document_failed");
    }
  });
}
