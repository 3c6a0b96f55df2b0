/** Sales: `listar_pedidos` (a customer's orders) and `detalle_pedido` (one order's lines and totals). */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { localised } from "../../../i18n/localised.js";
import type { Domain } from "../../../odoo/odoo-client.js";
import { OdooError } from "../../../odoo/odoo-error.js";
import {
  formatAmount,
  guarded,
  joinParts,
  numberOf,
  type OdooToolDeps,
  pageFooter,
  pageOf,
  pageOutputShape,
  pageValues,
  paginationShape,
  relationName,
  success,
  text,
} from "./tool-kit.js";

const ORDER_FIELDS = [
  "name",
  "partner_id",
  "date_order",
  "state",
  "amount_untaxed",
  "amount_tax",
  "amount_total",
  "currency_id",
  "user_id",
];
const LINE_FIELDS = [
  "product_id",
  "name",
  "product_uom_qty",
  "price_unit",
  "discount",
  "price_subtotal",
  "price_total",
];

/** The states a person names, mapped to Odoo's `sale.order.state` values. */
const STATES: Record<string, string[]> = {
  presupuesto: ["draft", "sent"],
  confirmado: ["sale", "done"],
  cancelado: ["cancel"],
};

const STATE_LABELS: Record<string, string> = {
  draft: "quotation",
  sent: "quotation sent",
  sale: "confirmed",
  done: "locked",
  cancel: "cancelled",
};

const orderSchema = z.object({
  id: z.number(),
  numero: z.string(),
  cliente: z.string().nullable(),
  fecha: z.string().nullable(),
  estado: z.string().nullable(),
  base: z.number(),
  impuestos: z.number(),
  total: z.number(),
  moneda: z.string().nullable(),
  comercial: z.string().nullable(),
});

const orderLineSchema = z.object({
  producto: z.string().nullable(),
  descripcion: z.string().nullable(),
  cantidad: z.number(),
  precio_unitario: z.number(),
  descuento: z.number(),
  subtotal: z.number(),
  total: z.number(),
});

export function registerSalesTools(server: McpServer, deps: OdooToolDeps): void {
  server.registerTool(
    "listar_pedidos",
    {
      title: "List a customer's sales orders",
      description:
        "Lists the sales orders (quotations and confirmed orders) of a customer in the ERP (Odoo), newest first, including the orders of the customer's contacts.",
      inputSchema: z.object({
        cliente: z.string().min(1).describe("Customer name or part of it, e.g. 'Empresa Z'."),
        estado: z
          .enum(["presupuesto", "confirmado", "cancelado"])
          .optional()
          .describe("Only quotations (presupuesto), confirmed (confirmado) or cancelled (cancelado) orders."),
        ...paginationShape,
      }),
      outputSchema: z.object({
        pedidos: z.array(orderSchema),
        clientes: z.array(z.string()),
        ...pageOutputShape,
      }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const page = pageOf(args);
        const customers = await client.nameSearch("res.partner", args.cliente.trim(), { limit: 20 });
        const customerNames = customers.map(([, name]) => name);
        if (customers.length === 0) {
          return success(
            { pedidos: [], clientes: [], total: 0, ...pageValues(page) },
            `No customer named like "${args.cliente}" in the ERP.`,
          );
        }
        const ids = customers.map(([id]) => id);
        const domain: Domain = ["|", ["partner_id", "in", ids], ["partner_id.parent_id", "in", ids]];
        if (args.estado) domain.push(["state", "in", STATES[args.estado] ?? []]);
        const fields = await client.pickFields("sale.order", ORDER_FIELDS);
        const [records, total] = await Promise.all([
          client.searchRead("sale.order", {
            domain,
            fields,
            limit: page.limit,
            offset: page.offset,
            order: "date_order desc, id desc",
          }),
          client.searchCount("sale.order", domain),
        ]);
        const orders = records.map(toOrder);
        const structured = { pedidos: orders, clientes: customerNames, total, ...pageValues(page) };
        if (orders.length === 0)
          return success(structured, `No sales orders for customers matching "${args.cliente.trim()}".`);
        const lines = orders.map(
          (order) =>
            `- ${order.numero} (id ${order.id}) ${joinParts([order.fecha?.slice(0, 10), order.cliente, order.estado])}: ${formatAmount(order.total)}${order.moneda === null ? "" : ` ${order.moneda}`}`,
        );
        return success(
          structured,
          `${total} sales order${total === 1 ? "" : "s"} for customers matching "${args.cliente.trim()}":\n${lines.join("\n")}${pageFooter(page, orders.length, total)}`,
        );
      }),
  );

  server.registerTool(
    "detalle_pedido",
    {
      title: "Sales order detail",
      description:
        "Shows one sales order of the ERP (Odoo): its lines (product, quantity, price) and its totals.",
      inputSchema: z.object({
        pedido: z
          .union([z.string().min(1), z.number().int().positive()])
          .describe("The order number, e.g. 'S00001', or its id."),
        ...paginationShape,
      }),
      outputSchema: z.object({ pedido: orderSchema, lineas: z.array(orderLineSchema), ...pageOutputShape }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args, ctx) =>
      guarded(deps, ctx.mcpReq.signal, async (client) => {
        const page = pageOf(args);
        const reference = typeof args.pedido === "number" ? args.pedido : args.pedido.trim();
        const orderDomain: Domain =
          typeof reference === "number" || /^\d+$/.test(reference)
            ? [["id", "=", Number(reference)]]
            : [["name", "=ilike", reference]];
        const fields = await client.pickFields("sale.order", ORDER_FIELDS);
        const [order] = await client.searchRead("sale.order", { domain: orderDomain, fields, limit: 1 });
        if (order === undefined) {
          throw new OdooError(
            "not-found",
            localised("errorsOdooTools.noOrder", { order: String(args.pedido) }),
            {
              hint: localised("errorsOdooTools.noOrderHint"),
            },
          );
        }
        const lineDomain: Domain = [["order_id", "=", order.id]];
        const lineFields = await client.pickFields("sale.order.line", LINE_FIELDS);
        const [lineRecords, total] = await Promise.all([
          client.searchRead("sale.order.line", {
            domain: lineDomain,
            fields: lineFields,
            limit: page.limit,
            offset: page.offset,
          }),
          client.searchCount("sale.order.line", lineDomain),
        ]);
        const orderCard = toOrder(order);
        const orderLines = lineRecords.map((line) => ({
          producto: relationName(line.product_id),
          descripcion: text(line.name),
          cantidad: numberOf(line.product_uom_qty),
          precio_unitario: numberOf(line.price_unit),
          descuento: numberOf(line.discount),
          subtotal: numberOf(line.price_subtotal),
          total: numberOf(line.price_total),
        }));
        const currency = orderCard.moneda === null ? "" : ` ${orderCard.moneda}`;
        const rendered = [
          `${orderCard.numero} (id ${orderCard.id}) ${joinParts([orderCard.cliente, orderCard.fecha?.slice(0, 10), orderCard.estado])}`,
          ...orderLines.map(
            (line) =>
              `- ${line.descripcion ?? line.producto ?? "line"}: ${line.cantidad} × ${formatAmount(line.precio_unitario)}${line.descuento > 0 ? ` (−${line.descuento}%)` : ""} = ${formatAmount(line.subtotal)}`,
          ),
          `Untaxed ${formatAmount(orderCard.base)}, taxes ${formatAmount(orderCard.impuestos)}, total ${formatAmount(orderCard.total)}${currency}`,
        ].join("\n");
        return success(
          { pedido: orderCard, lineas: orderLines, total, ...pageValues(page) },
          rendered + pageFooter(page, orderLines.length, total),
        );
      }),
  );
}

function toOrder(order: Record<string, unknown> & { id: number }) {
  return {
    id: order.id,
    numero: String(order.name ?? ""),
    cliente: relationName(order.partner_id),
    fecha: text(order.date_order),
    estado: STATE_LABELS[String(order.state)] ?? text(order.state),
    base: numberOf(order.amount_untaxed),
    impuestos: numberOf(order.amount_tax),
    total: numberOf(order.amount_total),
    moneda: relationName(order.currency_id),
    comercial: relationName(order.user_id),
  };
}
