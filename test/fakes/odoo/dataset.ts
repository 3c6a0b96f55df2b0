/**
 * The fake Odoo's data set: a small CRM with companies and their contacts, salespeople, employees,
 * leads in stages and sales orders, with names in Spanish and English so `ilike` searches mean
 * something. Many2one values are stored as ids (or `false`); one2many fields are not stored (they
 * are read from the inverse many2one).
 *
 * Facts tests may rely on (ids are stable):
 * - res.partner 1 "Empresa X", 2 "Empresa Y", 3 "Empresa Z" (companies); 4 "Acme Corp";
 *   5 "Distribuciones Andinas S.A.C."; 9 "Juan Pérez" and 10 "María García" work at Empresa Z;
 *   18 "Old Customer Ltd" is archived.
 * - res.company 1 "Empresa X" and 2 "Empresa Y" (the database's own companies, with employees);
 *   Empresa Z is a customer only, with no employees.
 * - res.users 2 "Mitchell Admin" (the login user), 6 "Laura Sánchez", 7 "Diego Ramírez".
 * - crm.stage 1 New, 2 Qualified, 3 Proposition, 4 Won.
 * - crm.lead: Empresa Z has two open opportunities (1 on the company, 11 on its contact Juan Pérez);
 *   lead 10 is archived (lost).
 * - sale.order: Empresa Z has S00001 (sale), S00003 (draft) and S00005 (sale, on Juan Pérez).
 */

import type { OdooVersion } from "./models.js";

export type StoredRecord = Record<string, unknown> & { id: number };

/** Records by model name; every array is the live storage. */
export type DataSet = Map<string, StoredRecord[]>;

const SEED_DATE = "2026-01-10 09:00:00";

function stamp(fields: Record<string, unknown> & { id: number }): StoredRecord {
  return {
    create_date: SEED_DATE,
    create_uid: 2,
    write_date: SEED_DATE,
    write_uid: 2,
    ...fields,
  };
}

interface PartnerSeed {
  id: number;
  name: string;
  company?: boolean;
  parent?: number;
  email?: string;
  phone?: string;
  mobile?: string;
  city?: string;
  country?: number;
  function?: string;
  active?: boolean;
  vat?: string;
  street?: string;
}

const partners: PartnerSeed[] = [
  {
    id: 1,
    name: "Empresa X",
    company: true,
    email: "info@empresax.es",
    phone: "+34 910 000 001",
    city: "Madrid",
    country: 1,
    vat: "ESB12345678",
    street: "Calle Mayor 1",
  },
  {
    id: 2,
    name: "Empresa Y",
    company: true,
    email: "contacto@empresay.pe",
    phone: "+51 1 700 0002",
    city: "Lima",
    country: 2,
    vat: "PE20123456789",
  },
  {
    id: 3,
    name: "Empresa Z",
    company: true,
    email: "ventas@empresaz.mx",
    phone: "+52 55 5000 0003",
    city: "Ciudad de México",
    country: 3,
  },
  {
    id: 4,
    name: "Acme Corp",
    company: true,
    email: "sales@acme.example",
    phone: "+1 555 0100",
    city: "Springfield",
    country: 4,
  },
  {
    id: 5,
    name: "Distribuciones Andinas S.A.C.",
    company: true,
    email: "compras@andinas.pe",
    phone: "+51 54 200 300",
    city: "Arequipa",
    country: 2,
  },
  {
    id: 6,
    name: "Ferretería López e Hijos",
    company: true,
    email: "pedidos@ferreterialopez.es",
    city: "Sevilla",
    country: 1,
  },
  {
    id: 7,
    name: "Globex Corporation",
    company: true,
    email: "info@globex.example",
    city: "Chicago",
    country: 4,
  },
  {
    id: 8,
    name: "Café del Valle S.A.S.",
    company: true,
    email: "hola@cafedelvalle.co",
    city: "Medellín",
    country: 5,
  },
  {
    id: 9,
    name: "Juan Pérez",
    parent: 3,
    email: "juan.perez@empresaz.mx",
    phone: "+52 55 5000 0010",
    mobile: "+52 55 1234 5678",
    city: "Ciudad de México",
    country: 3,
    function: "Gerente de Compras",
  },
  {
    id: 10,
    name: "María García",
    parent: 3,
    email: "maria.garcia@empresaz.mx",
    city: "Ciudad de México",
    country: 3,
    function: "Directora Financiera",
  },
  {
    id: 11,
    name: "John Smith",
    parent: 4,
    email: "john.smith@acme.example",
    phone: "+1 555 0101",
    mobile: "+1 555 0199",
    city: "Springfield",
    country: 4,
    function: "Purchasing Manager",
  },
  { id: 12, name: "Jane Doe", parent: 4, email: "jane.doe@acme.example", city: "Springfield", country: 4 },
  {
    id: 13,
    name: "Lucía Fernández",
    parent: 5,
    email: "lucia.fernandez@andinas.pe",
    city: "Arequipa",
    country: 2,
    function: "Jefa de Logística",
  },
  {
    id: 14,
    name: "Carlos Quispe",
    parent: 5,
    email: "carlos.quispe@andinas.pe",
    city: "Arequipa",
    country: 2,
  },
  {
    id: 15,
    name: "Ana Torres",
    parent: 6,
    email: "ana.torres@ferreterialopez.es",
    city: "Sevilla",
    country: 1,
  },
  {
    id: 16,
    name: "Peter Jones",
    parent: 7,
    email: "peter.jones@globex.example",
    city: "Chicago",
    country: 4,
  },
  { id: 17, name: "Sofía Restrepo", parent: 8, email: "sofia@cafedelvalle.co", city: "Medellín", country: 5 },
  {
    id: 18,
    name: "Old Customer Ltd",
    company: true,
    email: "old@customer.example",
    active: false,
    country: 4,
  },
  { id: 19, name: "Mitchell Admin", email: "admin@empresax.es", city: "Madrid", country: 1 },
  { id: 20, name: "Laura Sánchez", email: "laura.sanchez@empresax.es", city: "Madrid", country: 1 },
  { id: 21, name: "Diego Ramírez", email: "diego.ramirez@empresax.es", city: "Madrid", country: 1 },
  {
    id: 22,
    name: "Pedro Gómez",
    email: "pedro.gomez@example.com",
    phone: "+57 1 555 2222",
    city: "Bogotá",
    country: 5,
  },
  { id: 23, name: "Roberto Díaz", parent: 2, email: "roberto.diaz@empresay.pe", city: "Lima", country: 2 },
];

function partnerRecords(version: OdooVersion): StoredRecord[] {
  const byId = new Map(partners.map((partner) => [partner.id, partner]));
  return partners.map((partner) => {
    const parent = partner.parent ? byId.get(partner.parent) : undefined;
    const record = stamp({
      id: partner.id,
      name: partner.name,
      complete_name: parent ? `${parent.name}, ${partner.name}` : partner.name,
      is_company: partner.company ?? false,
      parent_id: partner.parent ?? false,
      type: "contact",
      function: partner.function ?? false,
      email: partner.email ?? false,
      phone: partner.phone ?? false,
      website: false,
      street: partner.street ?? false,
      city: partner.city ?? false,
      zip: false,
      country_id: partner.country ?? false,
      vat: partner.vat ?? false,
      comment: false,
      user_id: partner.company && partner.id > 3 ? (partner.id % 2 === 0 ? 6 : 7) : false,
      company_id: false,
      customer_rank: partner.company && partner.id > 2 ? 1 : 0,
      supplier_rank: 0,
      active: partner.active ?? true,
    });
    if (version === 17) record.mobile = partner.mobile ?? false;
    return record;
  });
}

interface LineSeed {
  product: number;
  quantity: number;
  discount?: number;
}

const products = [
  { id: 1, name: "Consultoría ERP (hora)", default_code: "CONS-H", list_price: 80 },
  { id: 2, name: "Licencia Odoo Enterprise (usuario/mes)", default_code: "LIC-EE", list_price: 31.1 },
  { id: 3, name: "Implementación CRM", default_code: "IMPL-CRM", list_price: 2500 },
  { id: 4, name: "Soporte anual", default_code: "SUP-Y", list_price: 1200 },
];

const orders: Array<{
  id: number;
  partner: number;
  state: string;
  date: string;
  user: number;
  taxRate: number;
  lines: LineSeed[];
}> = [
  {
    id: 1,
    partner: 3,
    state: "sale",
    date: "2026-07-15 10:30:00",
    user: 6,
    taxRate: 0.21,
    lines: [
      { product: 3, quantity: 1 },
      { product: 1, quantity: 20 },
    ],
  },
  {
    id: 2,
    partner: 4,
    state: "sale",
    date: "2026-08-02 16:00:00",
    user: 7,
    taxRate: 0,
    lines: [
      { product: 2, quantity: 10 },
      { product: 4, quantity: 1 },
    ],
  },
  {
    id: 3,
    partner: 3,
    state: "draft",
    date: "2026-11-05 09:15:00",
    user: 6,
    taxRate: 0.21,
    lines: [{ product: 1, quantity: 40 }],
  },
  {
    id: 4,
    partner: 5,
    state: "sent",
    date: "2026-10-12 11:00:00",
    user: 6,
    taxRate: 0.18,
    lines: [{ product: 3, quantity: 1, discount: 10 }],
  },
  {
    id: 5,
    partner: 9,
    state: "sale",
    date: "2026-09-10 12:00:00",
    user: 7,
    taxRate: 0.21,
    lines: [{ product: 4, quantity: 1 }],
  },
  {
    id: 6,
    partner: 7,
    state: "cancel",
    date: "2026-05-01 08:00:00",
    user: 7,
    taxRate: 0,
    lines: [{ product: 1, quantity: 10 }],
  },
  {
    id: 7,
    partner: 2,
    state: "sale",
    date: "2026-10-01 10:00:00",
    user: 7,
    taxRate: 0.18,
    lines: [{ product: 2, quantity: 25 }],
  },
];

const round2 = (value: number): number => Math.round(value * 100) / 100;

function salesRecords(): { orders: StoredRecord[]; lines: StoredRecord[] } {
  const orderRecords: StoredRecord[] = [];
  const lineRecords: StoredRecord[] = [];
  let lineId = 1;
  for (const order of orders) {
    let untaxed = 0;
    let sequence = 10;
    for (const line of order.lines) {
      const product = products.find((candidate) => candidate.id === line.product)!;
      const discount = line.discount ?? 0;
      const subtotal = round2(line.quantity * product.list_price * (1 - discount / 100));
      untaxed += subtotal;
      lineRecords.push(
        stamp({
          id: lineId++,
          order_id: order.id,
          sequence,
          name: `[${product.default_code}] ${product.name}`,
          product_id: product.id,
          product_uom_qty: line.quantity,
          price_unit: product.list_price,
          discount,
          price_subtotal: subtotal,
          price_total: round2(subtotal * (1 + order.taxRate)),
        }),
      );
      sequence += 10;
    }
    const tax = round2(untaxed * order.taxRate);
    orderRecords.push(
      stamp({
        id: order.id,
        name: `S${String(order.id).padStart(5, "0")}`,
        partner_id: order.partner,
        state: order.state,
        date_order: order.date,
        user_id: order.user,
        amount_untaxed: round2(untaxed),
        amount_tax: tax,
        amount_total: round2(untaxed + tax),
        company_id: 1,
        create_date: order.date,
      }),
    );
  }
  return { orders: orderRecords, lines: lineRecords };
}

interface LeadSeed {
  id: number;
  name: string;
  type?: "lead" | "opportunity";
  stage: number;
  user?: number;
  partner?: number;
  revenue?: number;
  probability?: number;
  deadline?: string;
  created: string;
  priority?: string;
  active?: boolean;
  contact?: string;
  email?: string;
  phone?: string;
}

const leads: LeadSeed[] = [
  {
    id: 1,
    name: "Implantación ERP Empresa Z",
    stage: 3,
    user: 6,
    partner: 3,
    revenue: 45000,
    probability: 60,
    deadline: "2026-12-15",
    created: "2026-09-01 10:00:00",
    priority: "2",
  },
  {
    id: 2,
    name: "Licencias Acme Corp",
    stage: 2,
    user: 7,
    partner: 4,
    revenue: 12000,
    probability: 30,
    deadline: "2026-12-31",
    created: "2026-10-05 15:20:00",
    priority: "1",
  },
  {
    id: 3,
    name: "Ampliación Distribuciones Andinas",
    stage: 1,
    user: 6,
    partner: 5,
    revenue: 8000,
    probability: 10,
    created: "2026-11-02 09:00:00",
  },
  {
    id: 4,
    name: "Soporte anual Globex",
    stage: 4,
    user: 7,
    partner: 7,
    revenue: 15000,
    probability: 100,
    deadline: "2026-06-30",
    created: "2026-06-10 12:00:00",
  },
  {
    id: 5,
    name: "CRM para Café del Valle",
    stage: 2,
    user: 6,
    partner: 8,
    revenue: 6000,
    probability: 25,
    deadline: "2027-01-31",
    created: "2026-10-20 17:45:00",
  },
  {
    id: 6,
    name: "Consulta web: tienda online",
    type: "lead",
    stage: 1,
    contact: "Marta Ruiz",
    email: "marta.ruiz@example.com",
    phone: "+34 600 111 222",
    created: "2026-11-10 08:30:00",
  },
  {
    id: 7,
    name: "Interesado en formación",
    type: "lead",
    stage: 1,
    user: 7,
    partner: 22,
    created: "2026-11-15 13:10:00",
  },
  {
    id: 8,
    name: "Migración Empresa X",
    stage: 3,
    user: 2,
    partner: 1,
    revenue: 20000,
    probability: 50,
    deadline: "2027-02-28",
    created: "2026-08-01 10:00:00",
  },
  {
    id: 9,
    name: "Renovación Empresa Y",
    stage: 2,
    user: 7,
    partner: 2,
    revenue: 9500,
    probability: 40,
    deadline: "2026-12-20",
    created: "2026-09-20 11:00:00",
  },
  {
    id: 10,
    name: "Proyecto perdido Ferretería",
    stage: 2,
    user: 6,
    partner: 6,
    revenue: 3000,
    probability: 0,
    created: "2026-04-01 10:00:00",
    active: false,
  },
  {
    id: 11,
    name: "Segunda fase Empresa Z",
    stage: 1,
    user: 7,
    partner: 9,
    revenue: 18000,
    probability: 10,
    deadline: "2027-03-31",
    created: "2026-11-01 16:00:00",
  },
  {
    id: 12,
    name: "Acme Corp upsell",
    stage: 3,
    user: 7,
    partner: 11,
    revenue: 7000,
    probability: 70,
    deadline: "2026-12-10",
    created: "2026-10-28 10:00:00",
    priority: "3",
  },
];

function leadRecords(version: OdooVersion, partnerById: Map<number, StoredRecord>): StoredRecord[] {
  return leads.map((lead) => {
    const partner = lead.partner ? partnerById.get(lead.partner) : undefined;
    const commercial = partner?.parent_id ? partnerById.get(partner.parent_id as number) : partner;
    const record = stamp({
      id: lead.id,
      name: lead.name,
      type: lead.type ?? "opportunity",
      stage_id: lead.stage,
      user_id: lead.user ?? false,
      partner_id: lead.partner ?? false,
      partner_name: commercial?.is_company ? commercial.name : false,
      contact_name: lead.contact ?? (partner && !partner.is_company ? partner.name : false),
      email_from: lead.email ?? partner?.email ?? false,
      phone: lead.phone ?? partner?.phone ?? false,
      expected_revenue: lead.revenue ?? 0,
      probability: lead.probability ?? 10,
      priority: lead.priority ?? "0",
      date_deadline: lead.deadline ?? false,
      description: false,
      company_id: 1,
      active: lead.active ?? true,
      create_date: lead.created,
      write_date: lead.created,
    });
    if (version === 17) record.mobile = false;
    return record;
  });
}

function employeeRecords(): { departments: StoredRecord[]; employees: StoredRecord[] } {
  const departments = [
    stamp({ id: 1, name: "Administración", company_id: 1, active: true }),
    stamp({ id: 2, name: "Ventas", company_id: 1, active: true }),
    stamp({ id: 3, name: "Desarrollo", company_id: 1, active: true }),
    stamp({ id: 4, name: "Operaciones", company_id: 2, active: true }),
  ];
  const people: Array<[string, string, number, number, number | false, boolean?]> = [
    ["Mitchell Admin", "Director General", 1, 1, 2],
    ["Laura Sánchez", "Comercial Senior", 2, 1, 6],
    ["Diego Ramírez", "Comercial", 2, 1, 7],
    ["Elena Martín", "Desarrolladora", 3, 1, false],
    ["Javier Ortega", "Desarrollador", 3, 1, false],
    ["Carmen Vidal", "Contable", 1, 1, false],
    ["Tomás Herrera", "Becario", 3, 1, false, false],
    ["Rosa Mamani", "Jefa de Operaciones", 4, 2, false],
    ["Luis Huamán", "Técnico de Campo", 4, 2, false],
    ["Patricia Rojas", "Técnica de Campo", 4, 2, false],
    ["Miguel Flores", "Administrativo", 4, 2, false],
  ];
  const employees = people.map(([name, job, department, company, user, active], index) => {
    const slug = name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/ /g, ".");
    return stamp({
      id: index + 1,
      name,
      job_title: job,
      work_email: `${slug}@${company === 1 ? "empresax.es" : "empresay.pe"}`,
      work_phone: false,
      mobile_phone: false,
      department_id: department,
      company_id: company,
      parent_id: index === 0 ? false : 1,
      user_id: user,
      bank_account_id: false,
      active: active ?? true,
    });
  });
  return { departments, employees };
}

/** A fresh copy of the data set for one version. */
export function createDataSet(version: OdooVersion, hrInstalled: boolean, login: string): DataSet {
  const partnerList = partnerRecords(version);
  const partnerById = new Map(partnerList.map((partner) => [partner.id, partner]));
  const sales = salesRecords();
  const data: DataSet = new Map();
  data.set("res.country", [
    stamp({ id: 1, name: "Spain", code: "ES" }),
    stamp({ id: 2, name: "Peru", code: "PE" }),
    stamp({ id: 3, name: "Mexico", code: "MX" }),
    stamp({ id: 4, name: "United States", code: "US" }),
    stamp({ id: 5, name: "Colombia", code: "CO" }),
  ]);
  data.set("res.company", [
    stamp({
      id: 1,
      name: "Empresa X",
      sequence: 10,
      partner_id: 1,
      country_id: 1,
      email: "info@empresax.es",
      phone: false,
    }),
    stamp({
      id: 2,
      name: "Empresa Y",
      sequence: 20,
      partner_id: 2,
      country_id: 2,
      email: "contacto@empresay.pe",
      phone: false,
    }),
  ]);
  data.set("res.partner", partnerList);
  data.set("res.partner.bank", [
    stamp({
      id: 1,
      acc_number: "ES7620770024003102575766",
      sequence: 10,
      partner_id: 1,
      bank_name: "Banco Ejemplo",
    }),
    stamp({
      id: 2,
      acc_number: "US-ACME-000123",
      sequence: 10,
      partner_id: 4,
      bank_name: "First Example Bank",
    }),
  ]);
  data.set("res.users", [
    stamp({
      id: 1,
      name: "OdooBot",
      login: "__system__",
      password: false,
      email: false,
      partner_id: 19,
      company_id: 1,
      share: false,
      active: false,
    }),
    stamp({
      id: 2,
      name: "Mitchell Admin",
      login,
      password: false,
      email: "admin@empresax.es",
      partner_id: 19,
      company_id: 1,
      share: false,
      active: true,
    }),
    stamp({
      id: 6,
      name: "Laura Sánchez",
      login: "laura",
      password: false,
      email: "laura.sanchez@empresax.es",
      partner_id: 20,
      company_id: 1,
      share: false,
      active: true,
    }),
    stamp({
      id: 7,
      name: "Diego Ramírez",
      login: "diego",
      password: false,
      email: "diego.ramirez@empresax.es",
      partner_id: 21,
      company_id: 1,
      share: false,
      active: true,
    }),
  ]);
  data.set(
    "product.product",
    products.map((product) => stamp({ ...product, active: true })),
  );
  data.set("crm.stage", [
    stamp({ id: 1, name: "New", sequence: 1, is_won: false, fold: false }),
    stamp({ id: 2, name: "Qualified", sequence: 2, is_won: false, fold: false }),
    stamp({ id: 3, name: "Proposition", sequence: 3, is_won: false, fold: false }),
    stamp({ id: 4, name: "Won", sequence: 70, is_won: true, fold: false }),
  ]);
  data.set("crm.lead", leadRecords(version, partnerById));
  data.set("sale.order", sales.orders);
  data.set("sale.order.line", sales.lines);
  data.set("mail.message", [
    stamp({
      id: 1,
      model: "crm.lead",
      res_id: 1,
      record_name: "Implantación ERP Empresa Z",
      subject: false,
      body: "<p>Reunión inicial con Juan Pérez: quieren arrancar en enero.</p>",
      message_type: "comment",
      is_internal: true,
      author_id: 20,
      date: "2026-09-02 11:00:00",
    }),
  ]);
  if (hrInstalled) {
    const hr = employeeRecords();
    data.set("hr.department", hr.departments);
    data.set("hr.employee", hr.employees);
  }
  return data;
}
