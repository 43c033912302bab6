#!/usr/bin/env bash
# Installs what the suite's tests and local stack need on Debian: a JDK 17 and a Valkey-compatible server.
# valkey-server is used when present, else Debian's redis-server (7.0, protocol-compatible).
set -euo pipefail

need_apt=()
command -v valkey-server >/dev/null 2>&1 || command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
# The pipeline-example test runs the shipped script with real curl and jq.
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v jq >/dev/null 2>&1 || need_apt+=(jq)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "Missing: ${need_apt[*]}. Install them (apt-get install -y ${need_apt[*]}) and run again." >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing ${need_apt[*]} ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

server=$(command -v valkey-server || command -v redis-server)
echo "Valkey-compatible server: $server ($("$server" --version | head -n 1))"
