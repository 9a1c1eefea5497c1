#!/bin/sh
# One-shot job of infra/compose (service connect-secrets): writes the credentials file that Kafka Connect
# reads through its FileConfigProvider into the connect-secrets volume (mode 600, owner appuser).
# CDC_PASSWORD comes from infra/compose/.env; nothing here is committed with a value.
set -eu
umask 077
: "${CDC_PASSWORD:?CDC_PASSWORD is not set (infra/compose/.env)}"
printf 'mariadb.user=cdc\nmariadb.password=%s\npostgres.user=cdc\npostgres.password=%s\n' \
  "$CDC_PASSWORD" "$CDC_PASSWORD" > /etc/kafka-connect/secrets/cdc.properties
echo "wrote /etc/kafka-connect/secrets/cdc.properties"
