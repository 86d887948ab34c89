#!/bin/bash
# First start: a cluster, and a user and database per service (only that user may connect to it) whose
# names and passwords come from the services' Secrets (ORDERS_USER/ORDERS_PASSWORD, ...), as
# deploy/platform/postgres.yaml does. Then the
# server, on PGPORT (5432 unless set), on every address of the container's network; its socket in /tmp, the
# one writable place of a read-only root.
set -euo pipefail
port=${PGPORT:-5432}
# the databases are made once, completely: a first start that died half-way starts over
ready_marker="$(dirname "$PGDATA")/cafe-databases-created"
if [ ! -f "$ready_marker" ]; then
  rm -rf "$PGDATA"
  initdb --auth-local=trust --auth-host=scram-sha-256 --username=postgres --pwfile=<(printf '%s' "$POSTGRES_PASSWORD") "$PGDATA" >/dev/null
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p $port -k /tmp" -w start >/dev/null
  for db in orders payments barista status; do
    user="${db^^}_USER" password="${db^^}_PASSWORD"
    psql -v ON_ERROR_STOP=1 -q -h /tmp -p "$port" --username postgres <<SQL
      CREATE USER "${!user}" PASSWORD '${!password}';
      CREATE DATABASE $db OWNER "${!user}";
      REVOKE ALL ON DATABASE $db FROM PUBLIC;
SQL
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  touch "$ready_marker"
fi
exec postgres -D "$PGDATA" -p "$port" -k /tmp
