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

import { leadRecords } from "./seed-crm.js";
import { employeeRecords } from "./seed-hr.js";
import { partnerRecords } from "./seed-partners.js";
import { type DataSet, type StoredRecord, stamp } from "./seed-record.js";
import { products, salesRecords } from "./seed-sales.js";

export type { DataSet, StoredRecord };

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
