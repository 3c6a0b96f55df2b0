-- agente sample database: a small invoicing schema (customers, products, invoices, invoice lines)
-- for the PostgreSQL MCP server examples ("¿cuántas facturas tiene el cliente Empresa X?").
-- Names are Spanish, like the seed notebook. Re-running this file drops and recreates the tables.
-- Load with: npx tsx scripts/sample-db/create.ts "$DATABASE_URL"   (see scripts/sample-db/README.md)

DROP VIEW IF EXISTS resumen_clientes;
DROP VIEW IF EXISTS facturas_con_total;
DROP TABLE IF EXISTS lineas_factura;
DROP TABLE IF EXISTS facturas;
DROP TABLE IF EXISTS productos;
DROP TABLE IF EXISTS clientes;

CREATE TABLE clientes (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  nombre      text NOT NULL UNIQUE,
  nif         text NOT NULL UNIQUE,
  ciudad      text NOT NULL,
  email       text,
  empleados   integer CHECK (empleados >= 0),
  alta        date NOT NULL
);
COMMENT ON TABLE clientes IS 'Clientes (empresas) a los que se factura';
COMMENT ON COLUMN clientes.nif IS 'Número de identificación fiscal';

CREATE TABLE productos (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  codigo          text NOT NULL UNIQUE,
  nombre          text NOT NULL,
  precio_unitario numeric(10, 2) NOT NULL CHECK (precio_unitario >= 0),
  iva_porcentaje  numeric(4, 1) NOT NULL DEFAULT 21.0
);
COMMENT ON TABLE productos IS 'Catálogo de productos y servicios';

CREATE TABLE facturas (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  numero      text NOT NULL UNIQUE,
  cliente_id  integer NOT NULL REFERENCES clientes (id),
  fecha       date NOT NULL,
  vencimiento date NOT NULL,
  estado      text NOT NULL CHECK (estado IN ('borrador', 'emitida', 'pagada', 'anulada'))
);
COMMENT ON TABLE facturas IS 'Facturas emitidas a clientes; el total está en la vista facturas_con_total';
CREATE INDEX facturas_cliente_id ON facturas (cliente_id);

CREATE TABLE lineas_factura (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  factura_id      integer NOT NULL REFERENCES facturas (id) ON DELETE CASCADE,
  producto_id     integer NOT NULL REFERENCES productos (id),
  cantidad        numeric(10, 2) NOT NULL CHECK (cantidad > 0),
  precio_unitario numeric(10, 2) NOT NULL CHECK (precio_unitario >= 0)
);
COMMENT ON TABLE lineas_factura IS 'Líneas de cada factura (producto, cantidad, precio aplicado)';
CREATE INDEX lineas_factura_factura_id ON lineas_factura (factura_id);

-- One row per invoice with its customer's name and amounts, so simple questions need no joins.
CREATE VIEW facturas_con_total AS
SELECT
  f.id,
  f.numero,
  c.nombre AS cliente,
  f.fecha,
  f.vencimiento,
  f.estado,
  round(sum(l.cantidad * l.precio_unitario), 2) AS base_imponible,
  round(sum(l.cantidad * l.precio_unitario * p.iva_porcentaje / 100), 2) AS iva,
  round(sum(l.cantidad * l.precio_unitario * (1 + p.iva_porcentaje / 100)), 2) AS total
FROM facturas f
JOIN clientes c ON c.id = f.cliente_id
JOIN lineas_factura l ON l.factura_id = f.id
JOIN productos p ON p.id = l.producto_id
GROUP BY f.id, c.nombre;

-- One row per customer: how many invoices, how much invoiced and how much still unpaid.
CREATE VIEW resumen_clientes AS
SELECT
  c.nombre AS cliente,
  c.ciudad,
  count(t.id) AS facturas,
  coalesce(sum(t.total) FILTER (WHERE t.estado IN ('emitida', 'pagada')), 0) AS total_facturado,
  coalesce(sum(t.total) FILTER (WHERE t.estado = 'emitida'), 0) AS pendiente_de_cobro
FROM clientes c
LEFT JOIN facturas_con_total t ON t.cliente = c.nombre
GROUP BY c.id, c.nombre, c.ciudad;
