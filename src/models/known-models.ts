/**
 * The models agente downloads by itself, pinned by size and sha256. docs/models.md says why each one was
 * chosen, where it comes from and its licence.
 */

/** A model file to fetch into the cache. */
export interface ModelSource {
  /** Short name shown to the user. */
  label: string;
  /** File name in the cache folder. */
  fileName: string;
  url: string;
  /** Lower-case hex; the download is refused when it differs. Undefined: not checked. */
  sha256: string | undefined;
  /** Published size, for messages before the server says it. */
  sizeBytes: number | undefined;
}

/** The embedded chat model: Qwen3 1.7B, Q4_K_M (Apache-2.0), unsloth's conversion. */
export const DEFAULT_CHAT_MODEL: ModelSource = {
  label: "Qwen3-1.7B-Q4_K_M",
  fileName: "Qwen3-1.7B-Q4_K_M.gguf",
  url: "https://huggingface.co/unsloth/Qwen3-1.7B-GGUF/resolve/main/Qwen3-1.7B-Q4_K_M.gguf",
  sha256: "b139949c5bd74937ad8ed8c8cf3d9ffb1e99c866c823204dc42c0d91fa181897",
  sizeBytes: 1_107_409_472,
};

/**
 * The default GGUF embedding model: multilingual-e5-small (MIT, 384 dimensions, 100 languages), ggml-org's
 * Q8_0 conversion. No published sha256 could be verified, so its checksum is not checked (docs/models.md).
 */
export const DEFAULT_EMBEDDING_MODEL: ModelSource = {
  label: "multilingual-e5-small-Q8_0",
  fileName: "multilingual-e5-small-Q8_0.gguf",
  url: "https://huggingface.co/ggml-org/multilingual-e5-small-Q8_0-GGUF/resolve/main/multilingual-e5-small-Q8_0.gguf",
  sha256: undefined,
  sizeBytes: undefined,
};

/**
 * A source for any GGUF URL (`AGENTE_GGUF_URL`): the file name is the URL's last path segment, made safe
 * for a file system.
 */
export function sourceFromUrl(url: string, sha256: string | undefined): ModelSource {
  const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  const safe = last.replace(/[^\w.+-]/g, "_").replace(/^\.+/, "");
  const fileName = safe === "" ? "model.gguf" : safe;
  return {
    label: fileName.replace(/\.gguf$/i, ""),
    fileName,
    url,
    sha256: sha256?.toLowerCase(),
    sizeBytes: undefined,
  };
}
