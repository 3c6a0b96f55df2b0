/** The shapes of the fake Odoo's models and fields (apart, so the definitions and `models.ts` share them). */

export type OdooVersion = 17 | 19;

export type FieldType =
  | "char"
  | "text"
  | "html"
  | "integer"
  | "float"
  | "monetary"
  | "boolean"
  | "date"
  | "datetime"
  | "selection"
  | "many2one"
  | "one2many"
  | "many2many";

export interface FieldDef {
  type: FieldType;
  string: string;
  help?: string;
  /** Target model of a relational field. */
  relation?: string;
  /** For one2many: the many2one on the target model pointing back. */
  inverse?: string;
  required?: boolean;
  readonly?: boolean;
  /** Stored in the database (searchable, sortable, groupable); computed fields are not. */
  store?: boolean;
  selection?: Array<[string, string]>;
  /** Aggregate used by read_group when none is named ("sum" for amounts). */
  aggregator?: "sum" | "avg" | "max" | "min";
  /** Only present in these versions. */
  versions?: OdooVersion[];
}

export interface ModelDef {
  name: string;
  description: string;
  /** Default `_order`. */
  order: string;
  /** Field giving the display name (`_rec_name`). */
  recName: string;
  fields: Record<string, FieldDef>;
  /** Inherits mail.thread: has `message_post` and a chatter. */
  mailThread?: boolean;
  /** Installed only with the HR app. */
  hrApp?: boolean;
}
