#!/bin/sh
# Creates Temporal's two databases when missing and brings their schemas to the version this
# server release needs, with `temporal-sql-tool` of the same release: the steps of the Helm chart's
# schema Jobs (create database, setup-schema -v 0.0, update-schema). Idempotent: run it before
# every start of a new server release. The one copy of these steps: deploy/compose (temporal-schema)
# mounts it, and the launcher's production topology (deploy/stack/temporal-server.mjs) runs it.
#
# Environment: SQL_PLUGIN (postgres12), SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by
# temporal-sql-tool), TEMPORAL_SCHEMA_DIR (the release's schema/postgresql/v12; the admin-tools
# image keeps it in /etc/temporal/schema/postgresql/v12).
set -eu
schema=${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}
for pair in temporal:temporal visibility:temporal_visibility; do
  dir=${pair%%:*}; db=${pair#*:}
  temporal-sql-tool --db "$db" create-database
  temporal-sql-tool --db "$db" setup-schema -v 0.0
  temporal-sql-tool --db "$db" update-schema -d "$schema/$dir/versioned"
done
