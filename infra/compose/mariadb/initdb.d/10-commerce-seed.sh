# Sourced (not executed) by the MariaDB image's entrypoint on the first start, with the server running
# locally and the root password set. Seeds the commerce schema from infra/local/sql/mariadb-seed.sql
# (mounted read-only at /seed, the same file infra/local uses) with the CDC password from the
# environment, and lets the `cdc` user connect from the other containers (the seed only allows localhost).
cdc_password_sql="$(docker_sql_escape_string_literal "${CDC_PASSWORD:?CDC_PASSWORD is not set}")"
seed_sql="$(cat /seed/mariadb-seed.sql)"
docker_process_sql <<<"${seed_sql//@CDC_PASSWORD@/"$cdc_password_sql"}"
docker_process_sql <<EOSQL
CREATE USER IF NOT EXISTS 'cdc'@'%' IDENTIFIED BY '${cdc_password_sql}';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, BINLOG MONITOR ON *.* TO 'cdc'@'%';
FLUSH PRIVILEGES;
EOSQL
unset cdc_password_sql seed_sql
