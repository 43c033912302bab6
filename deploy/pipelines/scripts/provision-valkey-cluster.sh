#!/usr/bin/env bash
# Creates or updates a ValkeyCluster through the provisioner's REST API, waits until it is Ready, then asks
# valkey-health-service for its verdict and fails on UNHEALTHY. Used by the GitHub Actions and Azure Pipelines
# examples next to this folder; runs anywhere with bash, curl and jq.
#
# Environment:
#   PROVISIONER_URL  e.g. http://provisioner-service.stateful-suite.svc:8080 (in-cluster runner) or
#                    http://localhost:18080 (kubectl port-forward, see the pipeline examples)
#   HEALTH_URL       e.g. http://valkey-health-service.stateful-suite.svc:8080
#   NAMESPACE        namespace of the ValkeyCluster (one the overlay grants, e.g. valkey)
#   CLUSTER          its name
#   SPEC_FILE        JSON file with the spec (the PUT body); see ../examples/orders-cluster.json
#   API_TOKEN        bearer token sent with every call (required unless the services run with
#                    stateful-suite.auth.enabled=false): a token the API server accepts, e.g.
#                    $(kubectl create token valkey-pipeline -n ci); RBAC as in ../examples/pipeline-rbac.yaml
#   TIMEOUT_SECONDS  how long to wait for Ready (default 900)
#   POLL_SECONDS     pause between status reads (default 10)
set -euo pipefail

: "${PROVISIONER_URL:?set PROVISIONER_URL}" "${HEALTH_URL:?set HEALTH_URL}"
: "${NAMESPACE:?set NAMESPACE}" "${CLUSTER:?set CLUSTER}" "${SPEC_FILE:?set SPEC_FILE}"
timeout_seconds="${TIMEOUT_SECONDS:-900}"
poll_seconds="${POLL_SECONDS:-10}"

auth=()
if [[ -n "${API_TOKEN:-}" ]]; then
  auth=(-H "Authorization: Bearer ${API_TOKEN}")
fi
cluster_url="${PROVISIONER_URL%/}/api/v1/namespaces/${NAMESPACE}/valkey-clusters/${CLUSTER}"
health_url="${HEALTH_URL%/}/api/v1/namespaces/${NAMESPACE}/valkey-clusters/${CLUSTER}/health"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

echo "PUT ${cluster_url}"
code="$(curl -sS -o "$body" -w '%{http_code}' -X PUT "${auth[@]}" \
  -H 'Content-Type: application/json' -H 'Accept: application/json' \
  --data-binary @"${SPEC_FILE}" "${cluster_url}")"
if [[ "$code" != 200 && "$code" != 201 ]]; then
  # 400/409/422 come as RFC 9457 problem documents naming the field and the rule.
  echo "The provisioner refused the spec (HTTP ${code}):" >&2
  jq . "$body" >&2 || cat "$body" >&2
  exit 1
fi

deadline=$((SECONDS + timeout_seconds))
while true; do
  code="$(curl -sS -o "$body" -w '%{http_code}' "${auth[@]}" -H 'Accept: application/json' "${cluster_url}")"
  if [[ "$code" != 200 ]]; then
    echo "GET ${cluster_url} answered HTTP ${code}" >&2
    exit 1
  fi
  phase="$(jq -r '.phase // "Pending"' "$body")"
  echo "phase: ${phase}"
  case "$phase" in
    Ready) break ;;
    Failed)
      echo "The cluster failed:" >&2
      jq '.status.conditions' "$body" >&2
      exit 1
      ;;
  esac
  if (( SECONDS >= deadline )); then
    echo "Not Ready after ${timeout_seconds}s (phase ${phase}):" >&2
    jq '.status.conditions' "$body" >&2
    exit 1
  fi
  sleep "$poll_seconds"
done

code="$(curl -sS -o "$body" -w '%{http_code}' "${auth[@]}" -H 'Accept: application/json' "${health_url}")"
if [[ "$code" != 200 ]]; then
  echo "GET ${health_url} answered HTTP ${code}" >&2
  exit 1
fi
verdict="$(jq -r '.status' "$body")"
echo "health: ${verdict}"
jq -r '.findings[]? | "  [\(.severity)] \(.check) \(.node // "") \(.message)"' "$body"
if [[ "$verdict" == UNHEALTHY ]]; then
  echo "valkey-health-service judges ${NAMESPACE}/${CLUSTER} UNHEALTHY" >&2
  exit 1
fi
