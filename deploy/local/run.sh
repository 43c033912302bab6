#!/usr/bin/env bash
# The suite's main job on one machine: a local Kubernetes API, simulated zoned nodes running real Valkey
# processes, a Key Vault emulator and the three services; then the pipeline flow that provisions a Valkey
# cluster and reports its health. Ctrl-C stops everything it started. Options: see --help.
set -euo pipefail
cd "$(dirname "$0")/../.."

for argument in "$@"; do
  case "$argument" in
    -h | --help) cat deploy/local/src/main/resources/io/statefulsuite/local/stack/usage.txt; exit 0 ;;
  esac
done

./deploy/local/install-prerequisites.sh
echo "Building the suite (first run downloads dependencies; later runs take about a minute) ..."
./mvnw -B -q install -DskipTests
exec java -jar deploy/local/target/local-stack.jar --repo "$PWD" "$@"
