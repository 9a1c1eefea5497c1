#!/bin/sh
# One-shot job of infra/compose (service minio-init): buckets for Flink checkpoints/savepoints (flink) and
# the Paimon warehouse (paimon), and a service account (S3_ACCESS_KEY/S3_SECRET_KEY) with read-write
# access that Flink and Trino use instead of the root credentials. Safe to re-run.
# infra/k8s/minio/minio.yaml runs the same script (a copy in a ConfigMap; infra/tests keeps them equal).
set -eu
MINIO_URL="${MINIO_URL:-http://minio:9000}"
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}"
mc alias set platform "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing platform/flink platform/paimon
mc admin user add platform "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
mc admin policy attach platform readwrite --user "$S3_ACCESS_KEY" || true   # already attached on re-runs
echo "buckets flink, paimon and user $S3_ACCESS_KEY ready"
