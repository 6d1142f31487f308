#!/bin/bash
# First start of the PostgreSQL container (docker-entrypoint-initdb.d): the application's database roles.
#   eco_owner  owns the schema and runs the migrations (the API's MIGRATION_DATABASE_URL); no superuser.
#   eco_app    what the API and the worker connect as (DATABASE_URL): owns nothing, so it cannot ALTER tables or
#              disable the audit trail's triggers, and cannot set session_replication_role. Its table grants
#              (INSERT/SELECT only on audit_records) are applied by the owner after each migration run.
# Same as libs/persistence/src/db-roles.ts does for the embedded start and the tests.
set -euo pipefail
: "${ECO_OWNER_DB_PASSWORD:?set ECO_OWNER_DB_PASSWORD}" "${ECO_APP_DB_PASSWORD:?set ECO_APP_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_pw="$ECO_OWNER_DB_PASSWORD" -v app_pw="$ECO_APP_DB_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE eco_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_pw';
CREATE ROLE eco_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_pw';
GRANT CONNECT ON DATABASE :"db" TO eco_owner, eco_app;
ALTER SCHEMA public OWNER TO eco_owner;
SQL
