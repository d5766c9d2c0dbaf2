#!/usr/bin/env bash
# deb_test.sh: the Debian package, end to end. run_tests.sh runs it last: it
# replaces the extension's files in the system PostgreSQL 15 for a while.
#  1. `make deb` builds it (reusing the tree's objects when they were built for
#     the system PostgreSQL), lintian passes, the clone stays as it was and
#     nothing lands next to it;
#  2. the package holds exactly what `make install` installs;
#  3. the files of the system PostgreSQL are set aside, `apt-get install
#     ./build/deb/...deb` installs the package, and in a fresh cluster the demo
#     requests give the recorded responses (test_demo.py), ALTER EXTENSION
#     UPDATE works (test_upgrade.py) and the packaged fraiseql-tool passes
#     test_tool.py;
#  4. `apt-get remove` takes it away, and the files set aside come back, so the
#     system is as the other suites left it.
# Needs root (apt-get). Prints "ok - ..." per check and "deb: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/scripts/cluster.sh

SYSTEM_PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
PACKAGE=postgresql-15-fraiseql
passed=0
failed=0

check() { # check NAME COMMAND...: passes when COMMAND succeeds
	local name=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok - $name"
	else
		failed=$((failed + 1))
		echo "not ok - $name"
	fi
}

suite() { # suite NAME COMMAND...: a suite printing "NAME: N passed, M failed"; adds its counts
	local name=$1 out line
	shift
	out=$("$@" 2>&1)
	local status=$?
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | grep -E "^$name: [0-9]+ passed, [0-9]+ failed" | tail -n 1)
	if [ -z "$line" ]; then
		check "$name reports a summary (exit status $status)" false
		return
	fi
	set -- $line
	passed=$((passed + $2))
	failed=$((failed + $4))
	[ "$status" -eq 0 ] || [ "$4" -ne 0 ] || check "$name exits with status 0" false
}

if [ "$(id -u)" -ne 0 ]; then
	echo "deb_test: installing a package needs root" >&2
	echo "deb: 0 passed, 1 failed"
	exit 1
fi

version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" fraiseql.control)
deb=build/deb/${PACKAGE}_${version}_amd64.deb
pkglibdir=$("$SYSTEM_PG_CONFIG" --pkglibdir)
sharedir=$("$SYSTEM_PG_CONFIG" --sharedir)
bindir=$("$SYSTEM_PG_CONFIG" --bindir)
work=$(mktemp -d /tmp/fraiseql-deb.XXXXXX)
installed_before=$(dpkg-query -W -f='${db:Status-Status}' "$PACKAGE" 2>/dev/null || true)

# The extension's files in the system PostgreSQL (what make install put there).
system_files() {
	find "$pkglibdir" "$sharedir/extension" "$bindir" -maxdepth 1 \
		\( -name 'fraiseql.so' -o -name 'fraiseql.control' -o -name 'fraiseql--*.sql' -o -name 'fraiseql-tool' \) \
		2>/dev/null | sort
}

# Puts the system back at exit (also on INT and TERM); a second call finds
# nothing left to do.
restore() {
	if [ "$installed_before" != installed ] &&
		[ "$(dpkg-query -W -f='${db:Status-Status}' "$PACKAGE" 2>/dev/null)" = installed ]; then
		DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PACKAGE" >/dev/null 2>&1
	fi
	if [ -f "$work/aside.tar" ]; then
		system_files | xargs -r rm -f
		tar -xpf "$work/aside.tar" -C /
	fi
	rm -rf "$work"
}
# cluster_start sets traps of its own that call cluster_stop (and a signal may
# come while it runs), so cluster_stop is what puts everything back; the
# cluster alone stops with stop_cluster_only.
eval "stop_cluster_only() $(declare -f cluster_stop | tail -n +2)"
cluster_stop() {
	stop_cluster_only
	restore
}
trap 'cluster_stop' EXIT
trap 'cluster_stop; exit 130' INT
trap 'cluster_stop; exit 143' TERM

# ---- 1. make deb --------------------------------------------------------------
git_before=$(git status --porcelain 2>/dev/null)
parent=$(dirname "$PWD")
# Only dpkg-buildpackage's kind of output counts: other people's files come and go.
outputs_beside() { ls -A "$parent" | grep -E "_${version}_.*\.(deb|ddeb|changes|buildinfo)\$"; }
parent_before=$(outputs_beside)
reuse=0
[ "${PG_CONFIG:-$SYSTEM_PG_CONFIG}" = "$SYSTEM_PG_CONFIG" ] && reuse=1
start=$SECONDS
check "make deb builds the package and lintian passes (DEB_REUSE_OBJECTS=$reuse)" \
	env DEB_REUSE_OBJECTS=$reuse make -s deb
echo "# make deb took $((SECONDS - start)) s"
check "build/deb holds $deb" test -f "$deb"
check "build/deb holds no build tree" test ! -e "build/deb/fraiseql-$version"
check "the clone is as it was (git status)" test "$(git status --porcelain 2>/dev/null)" = "$git_before"
check "no package file beside the clone" test "$(outputs_beside)" = "$parent_before"

# ---- 2. what it holds ------------------------------------------------------
if [ -f "$deb" ]; then
	make -s install PG_CONFIG="$SYSTEM_PG_CONFIG" DESTDIR="$work/make-install" >/dev/null
	(cd "$work/make-install" && find . -type f | sed 's/^\.//' | sort) >"$work/make-install.list"
	mkdir -p "$work/deb"
	dpkg-deb -x "$deb" "$work/deb"
	# The package adds its documentation and nothing else.
	(cd "$work/deb" && find . -type f | sed 's/^\.//' | grep -v '^/usr/share/doc/' | sort) >"$work/deb.list"
	check "the package holds the files make install installs" diff "$work/make-install.list" "$work/deb.list"
	same_scripts() {
		local f
		for f in fraiseql.control sql/fraiseql--*.sql; do
			cmp -s "$f" "$work/deb$sharedir/extension/$(basename "$f")" || { echo "# differs: $f"; return 1; }
		done
	}
	check "its control file and SQL scripts are the tree's" same_scripts
	check "it depends on postgresql-15" \
		bash -c "dpkg-deb -f '$deb' Depends | grep -qE '(^|, )postgresql-15( |,|\$)'"
	check "its documentation is there" test -f "$work/deb/usr/share/doc/$PACKAGE/copyright"
fi

# ---- 3. installed ----------------------------------------------------------
if [ -f "$deb" ]; then
	# Set aside, so that what runs below can only be the package's files. (Files
	# of an earlier package stay: the new one replaces them and stays installed.)
	if [ "$installed_before" != installed ]; then
		system_files >"$work/aside.list"
		tar -cpf "$work/aside.tar" -T "$work/aside.list" 2>/dev/null
		xargs -r rm -f <"$work/aside.list"
	fi
	check "apt-get install ./$deb" \
		env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb"
	check "dpkg knows $PACKAGE $version" \
		test "$(dpkg-query -W -f='${db:Status-Status} ${Version}' "$PACKAGE" 2>/dev/null)" = "installed $version"
	check "the library is the package's" dpkg -S "$pkglibdir/fraiseql.so"
	check "fraiseql-tool is the package's" dpkg -S "$bindir/fraiseql-tool"

	export PG_CONFIG=$SYSTEM_PG_CONFIG
	PG_BIN=$("$PG_CONFIG" --bindir)
	if cluster_start; then
		suite demo /usr/bin/python3 test/integration/test_demo.py
		suite upgrade /usr/bin/python3 test/integration/test_upgrade.py
		suite tool env FRAISEQL_TOOL="$bindir/fraiseql-tool" /usr/bin/python3 test/integration/test_tool.py
		stop_cluster_only
	else
		check "a cluster of the system PostgreSQL starts" false
	fi

	# ---- 4. removed, and the system as it was ----------------------------------
	if [ "$installed_before" = installed ]; then
		echo "# $PACKAGE was installed before this test: left installed (now $version)"
	else
		check "apt-get remove $PACKAGE" \
			env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PACKAGE"
		check "its files are gone" test -z "$(system_files)"
		restore_aside() {
			tar -xpf "$work/aside.tar" -C / && rm -f "$work/aside.tar" && diff "$work/aside.list" <(system_files)
		}
		check "the files set aside are back" restore_aside
	fi
fi

echo "deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
