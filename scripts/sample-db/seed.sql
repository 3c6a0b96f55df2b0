-- agente sample database: the data. The companies follow the seed notebook ("Empresa X" has 100
-- employees, "Empresa Y" 200); "Empresa Z" exists here though the notebook's mock did not know it.
-- Tests rely on these figures (test/community/sample-db.test.ts): change both together.
--   Empresa X: 4 facturas    Empresa Y: 3    Empresa Z: 1    Distribuciones Ebro: 2    Talleres Nervión: 0

INSERT INTO clientes (nombre, nif, ciudad, email, empleados, alta) VALUES
  ('Empresa X',               'B12345678', 'Madrid',    'administracion@empresax.example',  100, '2023-02-14'),
  ('Empresa Y',               'B87654321', 'Barcelona', 'facturas@empresay.example',        200, '2023-06-01'),
  ('Empresa Z',               'A11223344', 'Sevilla',   'contabilidad@empresaz.example',   1000, '2024-01-09'),
  ('Distribuciones Ebro S.L.', 'B99887766', 'Zaragoza',  'pedidos@ebro.example',              35, '2024-03-20'),
  ('Talleres Nervión S.A.',   'A55667788', 'Bilbao',    NULL,                                 12, '2025-05-05');

INSERT INTO productos (codigo, nombre, precio_unitario, iva_porcentaje) VALUES
  ('CONS-H',  'Hora de consultoría',              60.00, 21.0),
  ('SOP-MES', 'Soporte mensual',                 250.00, 21.0),
  ('LIC-ERP', 'Licencia anual del ERP',         1200.00, 21.0),
  ('FORM-D',  'Jornada de formación',            480.00, 21.0),
  ('LIBRO',   'Manual de usuario (impreso)',      25.00,  4.0);

INSERT INTO facturas (numero, cliente_id, fecha, vencimiento, estado) VALUES
  ('F2025-0001', (SELECT id FROM clientes WHERE nombre = 'Empresa X'),               '2025-01-15', '2025-02-14', 'pagada'),
  ('F2025-0002', (SELECT id FROM clientes WHERE nombre = 'Empresa Y'),               '2025-01-20', '2025-02-19', 'pagada'),
  ('F2025-0003', (SELECT id FROM clientes WHERE nombre = 'Empresa X'),               '2025-02-15', '2025-03-17', 'pagada'),
  ('F2025-0004', (SELECT id FROM clientes WHERE nombre = 'Distribuciones Ebro S.L.'), '2025-03-03', '2025-04-02', 'pagada'),
  ('F2025-0005', (SELECT id FROM clientes WHERE nombre = 'Empresa Y'),               '2025-03-28', '2025-04-27', 'anulada'),
  ('F2025-0006', (SELECT id FROM clientes WHERE nombre = 'Empresa X'),               '2025-04-15', '2025-05-15', 'emitida'),
  ('F2025-0007', (SELECT id FROM clientes WHERE nombre = 'Empresa Z'),               '2025-05-02', '2025-06-01', 'emitida'),
  ('F2025-0008', (SELECT id FROM clientes WHERE nombre = 'Empresa Y'),               '2025-05-30', '2025-06-29', 'emitida'),
  ('F2025-0009', (SELECT id FROM clientes WHERE nombre = 'Distribuciones Ebro S.L.'), '2025-06-10', '2025-07-10', 'emitida'),
  ('F2025-0010', (SELECT id FROM clientes WHERE nombre = 'Empresa X'),               '2025-06-30', '2025-07-30', 'borrador');

-- Lines: (invoice number, product code, quantity). The unit price is the catalogue price.
INSERT INTO lineas_factura (factura_id, producto_id, cantidad, precio_unitario)
SELECT f.id, p.id, v.cantidad, p.precio_unitario
FROM (VALUES
  ('F2025-0001', 'LIC-ERP', 1),
  ('F2025-0001', 'CONS-H', 10),
  ('F2025-0002', 'LIC-ERP', 2),
  ('F2025-0002', 'FORM-D', 1),
  ('F2025-0003', 'SOP-MES', 1),
  ('F2025-0004', 'CONS-H', 5),
  ('F2025-0004', 'LIBRO', 4),
  ('F2025-0005', 'SOP-MES', 1),
  ('F2025-0006', 'SOP-MES', 1),
  ('F2025-0006', 'CONS-H', 3),
  ('F2025-0007', 'LIC-ERP', 5),
  ('F2025-0007', 'FORM-D', 2),
  ('F2025-0008', 'SOP-MES', 1),
  ('F2025-0009', 'LIBRO', 10),
  ('F2025-0010', 'CONS-H', 8)
) AS v (numero, codigo, cantidad)
JOIN facturas f ON f.numero = v.numero
JOIN productos p ON p.codigo = v.codigo;
