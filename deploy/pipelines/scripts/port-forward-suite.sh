#!/usr/bin/env bash
# Forwards localhost:18080 to provisioner-service and localhost:18082 to valkey-health-service (namespace
# stateful-suite) in the background, and returns once both answer their readiness endpoint. Needs a kubeconfig
# whose identity has the Role stateful-suite-api-port-forward (deploy/kubernetes/base/pipeline-access).
# With the https component: SUITE_SCHEME=https SUITE_CA_FILE=ca.crt (the certificate must then name localhost).
set -euo pipefail

namespace="${SUITE_NAMESPACE:-stateful-suite}"
log_dir="${PORT_FORWARD_LOG_DIR:-${TMPDIR:-/tmp}}"

forward() {
  local service="$1" port="$2"
  nohup kubectl -n "$namespace" port-forward "svc/${service}" "${port}:8080" > "${log_dir}/pf-${service}.log" 2>&1 &
  for _ in $(seq 1 30); do
    if curl -fsS ${SUITE_CA_FILE:+--cacert "$SUITE_CA_FILE"} "${SUITE_SCHEME:-http}://localhost:${port}/q/health/ready" > /dev/null 2>&1; then
      echo "${service} on localhost:${port}"
      return 0
    fi
    sleep 1
  done
  echo "${service} did not answer on localhost:${port}:" >&2
  cat "${log_dir}/pf-${service}.log" >&2
  return 1
}

forward provisioner-service 18080
forward valkey-health-service 18082
