/** Seed products, sales orders and order lines; totals are computed from the lines. */

import { type StoredRecord, stamp } from "./seed-record.js";

interface LineSeed {
  product: number;
  quantity: number;
  discount?: number;
}

export const products = [
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

export function salesRecords(): { orders: StoredRecord[]; lines: StoredRecord[] } {
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
