#!/usr/bin/env bash
# Installs what the suite's tests and local stack need on Debian: a JDK 17, Valkey 8 (valkey-server and
# valkey-tools), curl and jq. Debian 12 has Valkey only in bookworm-backports, which this script adds; Debian 13
# has it in main. Where Valkey cannot be installed the script says so and fails: it never falls back to Redis
# (a compatibility run names another server explicitly: ./mvnw verify -Dvalkey.server=/usr/bin/redis-server).
set -euo pipefail

fail() { echo "install-prerequisites: $*" >&2; exit 1; }

need_apt=()
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
# The pipeline-example test runs the shipped script with real curl and jq.
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
need_valkey=false
{ command -v valkey-server >/dev/null 2>&1 && command -v valkey-cli >/dev/null 2>&1; } || need_valkey=true

if [ ${#need_apt[@]} -eq 0 ] && ! $need_valkey; then
  :
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "missing: ${need_apt[*]} $($need_valkey && echo valkey-server valkey-tools). Run this script as root or install sudo."
    SUDO="sudo"
  fi
  [ -r /etc/os-release ] || fail "not a Debian system (no /etc/os-release): install a JDK 17, curl, jq and Valkey 8 yourself."
  # shellcheck disable=SC1091
  . /etc/os-release
  valkey_suite=""
  if $need_valkey; then
    case "${ID:-}:${VERSION_CODENAME:-}" in
      debian:bookworm)
        valkey_suite="bookworm-backports"
        if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
          echo "Adding Debian's bookworm-backports suite (Valkey 8 is there) ..."
          printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            | $SUDO tee /etc/apt/sources.list.d/stateful-suite-backports.sources >/dev/null
        fi
        ;;
      debian:*) ;;  # Debian 13 (trixie) and later have Valkey in main
      *) fail "Valkey 8 is installed from Debian's packages (Debian 12 backports or 13); this is ${PRETTY_NAME:-an unknown system}. Install valkey-server and valkey-cli 8.x yourself and run again." ;;
    esac
  fi
  echo "Installing ${need_apt[*]} $($need_valkey && echo valkey-server valkey-tools) ..."
  $SUDO apt-get update -qq
  [ ${#need_apt[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  if $need_valkey; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq ${valkey_suite:+-t "$valkey_suite"} valkey-server valkey-tools >/dev/null \
      || fail "apt-get could not install valkey-server and valkey-tools${valkey_suite:+ from $valkey_suite}."
  fi
fi

version=$(valkey-server --version | head -n 1)
case "$version" in
  "Valkey server v=8."* | "Valkey server v=9."*) ;;
  *) fail "valkey-server on the PATH is not Valkey 8 or later: $version" ;;
esac
echo "Valkey server: $(command -v valkey-server) ($version)"
