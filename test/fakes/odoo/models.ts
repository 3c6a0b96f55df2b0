/**
 * The models the fake Odoo knows, with their fields as `fields_get` describes them, for Odoo 17 and
 * Odoo 19. Only what an ERP/CRM assistant touches: partners, countries, companies, users, employees,
 * CRM stages and leads, sales orders and lines, products, chatter messages.
 *
 * Version differences kept on purpose (they are the ones a client must discover, not hard-code):
 * `mobile` exists on `res.partner` and `crm.lead` in 17 and is gone in 19 (merged into `phone`);
 * the numeric aggregate attribute is `group_operator` in 17 and `aggregator` in 19.
 */

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

const magicFields: Record<string, FieldDef> = {
  id: { type: "integer", string: "ID", readonly: true },
  display_name: { type: "char", string: "Display Name", readonly: true, store: false },
  create_date: { type: "datetime", string: "Created on", readonly: true },
  create_uid: { type: "many2one", string: "Created by", relation: "res.users", readonly: true },
  write_date: { type: "datetime", string: "Last Updated on", readonly: true },
  write_uid: { type: "many2one", string: "Last Updated by", relation: "res.users", readonly: true },
};

const definitions: ModelDef[] = [
  {
    name: "res.country",
    description: "Country",
    order: "name",
    recName: "name",
    fields: {
      name: { type: "char", string: "Country Name", required: true },
      code: { type: "char", string: "Country Code" },
    },
  },
  {
    name: "res.company",
    description: "Companies",
    order: "sequence, name",
    recName: "name",
    fields: {
      name: { type: "char", string: "Company Name", required: true },
      sequence: { type: "integer", string: "Sequence" },
      partner_id: { type: "many2one", string: "Partner", relation: "res.partner", required: true },
      country_id: { type: "many2one", string: "Country", relation: "res.country" },
      email: { type: "char", string: "Email" },
      phone: { type: "char", string: "Phone" },
    },
  },
  {
    name: "res.partner",
    description: "Contact",
    order: "complete_name, id desc",
    recName: "complete_name",
    mailThread: true,
    fields: {
      name: { type: "char", string: "Name" },
      complete_name: { type: "char", string: "Complete Name", readonly: true },
      is_company: { type: "boolean", string: "Is a Company" },
      company_type: {
        type: "selection",
        string: "Company Type",
        store: false,
        selection: [
          ["person", "Individual"],
          ["company", "Company"],
        ],
      },
      parent_id: { type: "many2one", string: "Related Company", relation: "res.partner" },
      child_ids: { type: "one2many", string: "Contact", relation: "res.partner", inverse: "parent_id" },
      type: {
        type: "selection",
        string: "Address Type",
        selection: [
          ["contact", "Contact"],
          ["invoice", "Invoice Address"],
          ["delivery", "Delivery Address"],
          ["other", "Other Address"],
        ],
      },
      function: { type: "char", string: "Job Position" },
      email: { type: "char", string: "Email" },
      phone: { type: "char", string: "Phone" },
      mobile: { type: "char", string: "Mobile", versions: [17] },
      website: { type: "char", string: "Website Link" },
      street: { type: "char", string: "Street" },
      city: { type: "char", string: "City" },
      zip: { type: "char", string: "Zip" },
      country_id: { type: "many2one", string: "Country", relation: "res.country" },
      vat: { type: "char", string: "Tax ID" },
      comment: { type: "html", string: "Notes" },
      user_id: { type: "many2one", string: "Salesperson", relation: "res.users" },
      company_id: { type: "many2one", string: "Company", relation: "res.company" },
      customer_rank: { type: "integer", string: "Customer Rank" },
      supplier_rank: { type: "integer", string: "Supplier Rank" },
      bank_ids: { type: "one2many", string: "Banks", relation: "res.partner.bank", inverse: "partner_id" },
      active: { type: "boolean", string: "Active" },
    },
  },
  {
    name: "res.partner.bank",
    description: "Bank Accounts",
    order: "sequence, id",
    recName: "acc_number",
    fields: {
      acc_number: { type: "char", string: "Account Number", required: true },
      sequence: { type: "integer", string: "Sequence" },
      partner_id: { type: "many2one", string: "Account Holder", relation: "res.partner", required: true },
      bank_name: { type: "char", string: "Bank Name" },
    },
  },
  {
    name: "res.users",
    description: "User",
    order: "name, login",
    recName: "name",
    fields: {
      name: { type: "char", string: "Name", required: true },
      login: { type: "char", string: "Login", required: true },
      password: { type: "char", string: "Password" },
      email: { type: "char", string: "Email" },
      partner_id: { type: "many2one", string: "Related Partner", relation: "res.partner", required: true },
      company_id: { type: "many2one", string: "Company", relation: "res.company", required: true },
      share: { type: "boolean", string: "Share User" },
      active: { type: "boolean", string: "Active" },
    },
  },
  {
    name: "product.product",
    description: "Product Variant",
    order: "default_code, name, id",
    recName: "name",
    fields: {
      name: { type: "char", string: "Name", required: true },
      default_code: { type: "char", string: "Internal Reference" },
      list_price: { type: "float", string: "Sales Price" },
      active: { type: "boolean", string: "Active" },
    },
  },
  {
    name: "hr.department",
    description: "Department",
    order: "name",
    recName: "name",
    hrApp: true,
    fields: {
      name: { type: "char", string: "Department Name", required: true },
      company_id: { type: "many2one", string: "Company", relation: "res.company" },
      active: { type: "boolean", string: "Active" },
    },
  },
  {
    name: "hr.employee",
    description: "Employee",
    order: "name",
    recName: "name",
    hrApp: true,
    mailThread: true,
    fields: {
      name: { type: "char", string: "Employee Name" },
      job_title: { type: "char", string: "Job Title" },
      work_email: { type: "char", string: "Work Email" },
      work_phone: { type: "char", string: "Work Phone" },
      mobile_phone: { type: "char", string: "Work Mobile" },
      department_id: { type: "many2one", string: "Department", relation: "hr.department" },
      company_id: { type: "many2one", string: "Company", relation: "res.company", required: true },
      parent_id: { type: "many2one", string: "Manager", relation: "hr.employee" },
      user_id: { type: "many2one", string: "User", relation: "res.users" },
      bank_account_id: { type: "many2one", string: "Bank Account Number", relation: "res.partner.bank" },
      active: { type: "boolean", string: "Active" },
    },
  },
  {
    name: "crm.stage",
    description: "CRM Stages",
    order: "sequence, name, id",
    recName: "name",
    fields: {
      name: { type: "char", string: "Stage Name", required: true },
      sequence: { type: "integer", string: "Sequence" },
      is_won: { type: "boolean", string: "Is Won Stage?" },
      fold: { type: "boolean", string: "Folded in Pipeline" },
    },
  },
  {
    name: "crm.lead",
    description: "Lead/Opportunity",
    order: "priority desc, id desc",
    recName: "name",
    mailThread: true,
    fields: {
      name: { type: "char", string: "Opportunity", required: true },
      type: {
        type: "selection",
        string: "Type",
        required: true,
        selection: [
          ["lead", "Lead"],
          ["opportunity", "Opportunity"],
        ],
      },
      stage_id: { type: "many2one", string: "Stage", relation: "crm.stage" },
      user_id: { type: "many2one", string: "Salesperson", relation: "res.users" },
      partner_id: { type: "many2one", string: "Customer", relation: "res.partner" },
      partner_name: { type: "char", string: "Company Name" },
      contact_name: { type: "char", string: "Contact Name" },
      email_from: { type: "char", string: "Email" },
      phone: { type: "char", string: "Phone" },
      mobile: { type: "char", string: "Mobile", versions: [17] },
      expected_revenue: { type: "monetary", string: "Expected Revenue", aggregator: "sum" },
      probability: { type: "float", string: "Probability", aggregator: "avg" },
      priority: {
        type: "selection",
        string: "Priority",
        selection: [
          ["0", "Low"],
          ["1", "Medium"],
          ["2", "High"],
          ["3", "Very High"],
        ],
      },
      date_deadline: { type: "date", string: "Expected Closing" },
      description: { type: "html", string: "Notes" },
      company_id: { type: "many2one", string: "Company", relation: "res.company" },
      active: { type: "boolean", string: "Active" },
    },
  },
  {
    name: "sale.order",
    description: "Sales Order",
    order: "date_order desc, id desc",
    recName: "name",
    mailThread: true,
    fields: {
      name: { type: "char", string: "Order Reference", required: true, readonly: true },
      partner_id: { type: "many2one", string: "Customer", relation: "res.partner", required: true },
      state: {
        type: "selection",
        string: "Status",
        readonly: true,
        selection: [
          ["draft", "Quotation"],
          ["sent", "Quotation Sent"],
          ["sale", "Sales Order"],
          ["cancel", "Cancelled"],
        ],
      },
      date_order: { type: "datetime", string: "Order Date", required: true },
      user_id: { type: "many2one", string: "Salesperson", relation: "res.users" },
      amount_untaxed: { type: "monetary", string: "Untaxed Amount", readonly: true, aggregator: "sum" },
      amount_tax: { type: "monetary", string: "Taxes", readonly: true, aggregator: "sum" },
      amount_total: { type: "monetary", string: "Total", readonly: true, aggregator: "sum" },
      order_line: {
        type: "one2many",
        string: "Order Lines",
        relation: "sale.order.line",
        inverse: "order_id",
      },
      company_id: { type: "many2one", string: "Company", relation: "res.company", required: true },
    },
  },
  {
    name: "sale.order.line",
    description: "Sales Order Line",
    order: "order_id, sequence, id",
    recName: "name",
    fields: {
      order_id: { type: "many2one", string: "Order Reference", relation: "sale.order", required: true },
      sequence: { type: "integer", string: "Sequence" },
      name: { type: "text", string: "Description", required: true },
      product_id: { type: "many2one", string: "Product", relation: "product.product" },
      product_uom_qty: { type: "float", string: "Quantity", aggregator: "sum" },
      price_unit: { type: "float", string: "Unit Price", aggregator: "avg" },
      discount: { type: "float", string: "Discount (%)" },
      price_subtotal: { type: "monetary", string: "Subtotal", readonly: true, aggregator: "sum" },
      price_total: { type: "monetary", string: "Total", readonly: true, aggregator: "sum" },
    },
  },
  {
    name: "mail.message",
    description: "Message",
    order: "id desc",
    recName: "record_name",
    fields: {
      model: { type: "char", string: "Related Document Model" },
      res_id: { type: "integer", string: "Related Document ID" },
      record_name: { type: "char", string: "Message Record Name" },
      subject: { type: "char", string: "Subject" },
      body: { type: "html", string: "Contents" },
      message_type: {
        type: "selection",
        string: "Type",
        required: true,
        selection: [
          ["email", "Incoming Email"],
          ["comment", "Comment"],
          ["notification", "System notification"],
        ],
      },
      is_internal: { type: "boolean", string: "Employee Only" },
      author_id: { type: "many2one", string: "Author", relation: "res.partner" },
      date: { type: "datetime", string: "Date" },
    },
  },
];

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
