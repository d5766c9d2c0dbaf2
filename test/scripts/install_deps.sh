#!/usr/bin/env bash
# install_deps.sh: installs the Debian packages the build and the tests need,
# only those missing (a fast no-op when everything is there).
set -euo pipefail

packages=(
	postgresql-15 postgresql-server-dev-15 libsimdjson-dev
	g++ make python3 python3-psycopg python3-asyncpg
	# the HTTP examples (examples/python) and their tests
	python3-starlette python3-uvicorn python3-psycopg-pool
	# examples/python/app.py is a FastAPI app; the fraiseql_asgi package (python/) installs with pip into a venv
	python3-fastapi python3-venv python3-pip python3-setuptools
	# uvicorn picks these up by itself: its event loop and HTTP parser in C (a no-op
	# route costs about 90 us of CPU instead of 300: bench/HISTORY.md, end to end over HTTP)
	python3-uvloop python3-httptools
	# the GraphiQL test drives it headless
	chromium
	# test_deploy.sh puts it in front of the test cluster (transaction pooling)
	pgbouncer
	# test_ha.py (make test-ha): load balancing over standbys, and automatic failover
	pgpool2 postgresql-15-auto-failover
	# PostGIS operators (distanceWithin, intersects) and their tests
	postgresql-15-postgis-3
	# `make fuzz` only (libFuzzer comes with clang's runtime); make test replays under g++
	clang-14 libclang-rt-14-dev
	# `make deb` (Debian's PGXS packaging: pg_buildext, dh --with pgxs_loop) and its check
	debhelper dpkg-dev postgresql-server-dev-all lintian
)
# The introspection test runs graphql-js: any installed node and npm will do
# (Debian's packages only when there are none, so another node is not replaced).
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "install_deps: missing packages (${missing[*]}); run as root or install them" >&2
	exit 1
fi
echo "install_deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d keeps the package from starting Debian's own cluster: ours are throwaway.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
	trap 'rm -f "$policy"' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
