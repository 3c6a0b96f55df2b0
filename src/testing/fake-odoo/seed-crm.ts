/** Seed CRM leads and opportunities, on the seeded partners. */

import type { OdooVersion } from "./models.js";
import { type StoredRecord, stamp } from "./seed-record.js";

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

export function leadRecords(version: OdooVersion, partnerById: Map<number, StoredRecord>): StoredRecord[] {
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
