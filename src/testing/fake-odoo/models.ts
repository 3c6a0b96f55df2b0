/**
 * The models the fake Odoo knows, with their fields as `fields_get` describes them, for Odoo 17 and
 * Odoo 19. Only what an ERP/CRM assistant touches: partners, countries, companies, users, employees,
 * CRM stages and leads, sales orders and lines, products, chatter messages.
 *
 * Version differences kept on purpose (they are the ones a client must discover, not hard-code):
 * `mobile` exists on `res.partner` and `crm.lead` in 17 and is gone in 19 (merged into `phone`);
 * the numeric aggregate attribute is `group_operator` in 17 and `aggregator` in 19.
 */

import { definitions, magicFields } from "./model-definitions.js";
import type { FieldDef, ModelDef, OdooVersion } from "./model-types.js";

export type { FieldDef, FieldType, ModelDef, OdooVersion } from "./model-types.js";

/** The models of one Odoo version, with the fields that version has. */
export function modelsFor(version: OdooVersion, hrInstalled: boolean): Map<string, ModelDef> {
  const models = new Map<string, ModelDef>();
  for (const definition of definitions) {
    if (definition.hrApp && !hrInstalled) continue;
    const fields: Record<string, FieldDef> = { id: magicFields.id! };
    for (const [name, field] of Object.entries(definition.fields)) {
      if (!field.versions || field.versions.includes(version)) fields[name] = field;
    }
    for (const [name, field] of Object.entries(magicFields)) fields[name] ??= field;
    models.set(definition.name, { ...definition, fields });
  }
  return models;
}

/** Whether a field lives in the database (stored) rather than being computed on read. */
export function isStored(field: FieldDef): boolean {
  return field.store !== false && field.type !== "one2many";
}

/** `fields_get` of one field, with only the attributes asked for (all when none are named). */
export function describeField(
  name: string,
  field: FieldDef,
  version: OdooVersion,
  attributes: readonly string[] | undefined,
): Record<string, unknown> {
  const stored = field.store !== false;
  const description: Record<string, unknown> = {
    name,
    type: field.type,
    string: field.string,
    required: field.required ?? false,
    readonly: field.readonly ?? false,
    store: stored,
    searchable: true,
    sortable: stored && field.type !== "one2many" && field.type !== "many2many",
    groupable: stored && field.type !== "one2many",
    manual: false,
    company_dependent: false,
    depends: [],
  };
  if (field.help) description.help = field.help;
  if (field.relation) description.relation = field.relation;
  if (field.inverse) description.relation_field = field.inverse;
  if (field.selection) description.selection = field.selection.map(([value, label]) => [value, label]);
  if (field.aggregator) description[version === 17 ? "group_operator" : "aggregator"] = field.aggregator;
  if (!attributes || attributes.length === 0) return description;
  const filtered: Record<string, unknown> = {};
  for (const attribute of attributes) {
    if (attribute in description) filtered[attribute] = description[attribute];
  }
  return filtered;
}
