# Sourced (not executed) by the PostgreSQL image's entrypoint on the first start (empty data dir).
#  - database commerce (POSTGRES_DB): infra/local/sql/postgres-seed.sql, mounted read-only at /seed,
#    with the CDC password from the environment (single quotes doubled for the SQL literal);
#  - database nessie: Nessie's JDBC2 version store;
#  - pg_hba: Debezium's pgoutput stream is a *replication* connection, which the image's
#    "host all all all" line does not cover.
cdc_password_sql="${CDC_PASSWORD:?CDC_PASSWORD is not set}"
cdc_password_sql="${cdc_password_sql//\'/\'\'}"
seed_sql="$(cat /seed/postgres-seed.sql)"
docker_process_sql --dbname commerce <<<"${seed_sql//@CDC_PASSWORD@/"$cdc_password_sql"}"
docker_process_sql --dbname postgres <<<"CREATE DATABASE nessie;"
printf 'host replication cdc all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
unset cdc_password_sql seed_sql
