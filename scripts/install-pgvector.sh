#!/usr/bin/env bash
# Builds and installs pgvector 0.8.0 for PostgreSQL 15 on Debian 12, from apt only: Debian 12 ships no
# pgvector binary package, so we fetch the Debian *source* package of the next release (trixie) with
# `apt-get source` and build it against postgresql-server-dev-15. Idempotent: does nothing when
# pgvector 0.8.0 is already installed. Run as root, after installing postgresql-15 and postgresql-server-dev-15.
set -euo pipefail

PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}"
PGVECTOR_VERSION="${PGVECTOR_VERSION:-0.8.0}"
SOURCE_SUITE="${PGVECTOR_SOURCE_SUITE:-trixie}"
SOURCES_FILE=/etc/apt/sources.list.d/agente-pgvector-src.sources

if [ ! -x "$PG_CONFIG" ]; then
  echo "install-pgvector: $PG_CONFIG not found; install postgresql-15 and postgresql-server-dev-15 first" >&2
  exit 1
fi

control="$("$PG_CONFIG" --sharedir)/extension/vector.control"
if [ -f "$control" ] && grep -q "default_version = '${PGVECTOR_VERSION}'" "$control"; then
  echo "install-pgvector: pgvector ${PGVECTOR_VERSION} is already installed"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# dpkg-dev unpacks the source package; make and gcc build it (with_llvm=no: no clang needed).
missing=()
for tool in dpkg-source make gcc; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends dpkg-dev make gcc libc6-dev >/dev/null
fi

cat >"$SOURCES_FILE" <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: ${SOURCE_SUITE}
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
# Only the source index is needed once: remove the entry again so later `apt-get update`s stay fast.
trap 'rm -f "$SOURCES_FILE"' EXIT
apt-get update -qq -o Dir::Etc::sourcelist="$SOURCES_FILE" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0

workdir="$(mktemp -d)"
chmod 755 "$workdir" # apt downloads as the _apt user
trap 'rm -f "$SOURCES_FILE"; rm -rf "$workdir"' EXIT
cd "$workdir"
versions="$(apt-cache showsrc pgvector | awk '/^Version:/ {print $2}' | sort -V)"
version="$(grep "^${PGVECTOR_VERSION}-" <<<"$versions" | tail -n 1 || true)"
if [ -z "$version" ]; then
  # The suite may have moved on to a bug-fix release of the same series: take the newest of it.
  version="$(grep "^${PGVECTOR_VERSION%.*}\." <<<"$versions" | tail -n 1 || true)"
  [ -n "$version" ] && echo "install-pgvector: ${PGVECTOR_VERSION} not in ${SOURCE_SUITE}, building ${version}" >&2
fi
if [ -z "$version" ]; then
  echo "install-pgvector: no pgvector ${PGVECTOR_VERSION} source package in Debian ${SOURCE_SUITE} (found: ${versions//$'\n'/ })" >&2
  exit 1
fi
apt-get source -qq "pgvector=${version}" >/dev/null
cd pgvector-"${version%-*}"
make -s PG_CONFIG="$PG_CONFIG" with_llvm=no -j"$(nproc)" >/dev/null
make -s PG_CONFIG="$PG_CONFIG" with_llvm=no install >/dev/null
echo "install-pgvector: installed pgvector ${version} into $("$PG_CONFIG" --pkglibdir)"
