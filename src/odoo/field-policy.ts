/**
 * Fields no tool reads, filters on or returns, whatever the model: credentials, tokens, bank data and
 * employees' private identity data. Binary fields (images, attachments) are left out as well: they are
 * large and useless to a language model.
 */

/** What `fields_get` says about one field (attributes `string`, `type`, `relation`, `selection`). */
export interface FieldInfo {
  string?: string;
  type: string;
  relation?: string;
  selection?: Array<[string, string]>;
}

export type FieldMap = Record<string, FieldInfo>;

const DENIED_FIELD =
  /(password|passwd|secret|token|api_?key|apikey|totp|oauth|signature|bank|iban|acc_number|credit_card|card_number|private_key|ssnid|sinid|identification_id|passport|permit_no|visa_no|^pin$|^private_|^barcode$)/i;

const UNREADABLE_TYPES = new Set(["binary"]);

/** True when the field may never leave Odoo through agente. */
export function isDeniedField(name: string, info?: FieldInfo): boolean {
  return DENIED_FIELD.test(name) || (info !== undefined && UNREADABLE_TYPES.has(info.type));
}

/** `fields_get`'s answer without the denied fields. */
export function allowedFields(fields: FieldMap): FieldMap {
  // fromEntries defines own properties: a field named `__proto__` cannot reach the prototype.
  return Object.fromEntries(Object.entries(fields).filter(([name, info]) => !isDeniedField(name, info)));
}
