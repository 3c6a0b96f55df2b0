#!/bin/sh
# Creates the SELECT-only login role the PostgreSQL MCP server connects as: its READ ONLY transaction
# alone can be escaped with "COMMIT; <write>", a role without write privileges cannot.
# Run by the postgres image's entrypoint from /docker-entrypoint-initdb.d (compose.yaml, service
# sampledb), after schema.sql and seed.sql. Reads POSTGRES_USER, POSTGRES_DB, SAMPLEDB_READER (default
# agente_lector) and SAMPLEDB_READER_PASSWORD (required). Connection settings come from the usual PG*
# variables, so it also runs against any server: PGHOST=… PGPORT=… sh scripts/sample-db/reader-role.sh
set -e
: "${SAMPLEDB_READER_PASSWORD:?set SAMPLEDB_READER_PASSWORD to the reader role's password}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  -v reader="${SAMPLEDB_READER:-agente_lector}" -v password="$SAMPLEDB_READER_PASSWORD" \
  -v database="${POSTGRES_DB:-postgres}" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'reader') AS create_role \gset
\if :create_role
  CREATE ROLE :"reader" LOGIN PASSWORD :'password';
\else
  ALTER ROLE :"reader" LOGIN PASSWORD :'password';
\endif
GRANT CONNECT ON DATABASE :"database" TO :"reader";
GRANT USAGE ON SCHEMA public TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"reader";
ALTER ROLE :"reader" SET default_transaction_read_only = on;
SQL
