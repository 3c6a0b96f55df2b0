/** A passage of retrieved context as the system prompt shows it (text with its source tag). */
export interface ContextPassage {
  text: string;
  source: string;
  position?: number;
  score?: number;
  documentId?: string;
  collection?: string;
}
