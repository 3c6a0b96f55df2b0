/** Seed partners: the database's own companies, customers in Spain, Peru, Mexico, the US and Colombia, their contacts, the users' partners. */

import type { OdooVersion } from "./models.js";
import { type StoredRecord, stamp } from "./seed-record.js";

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

export function partnerRecords(version: OdooVersion): StoredRecord[] {
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
