#!/bin/sh
# The test driver: runs every suite in tests/suites/ (sourced, in name
# order) and ends with "N passed, N failed, N skipped".
#
#   MGC=build/mgc O=build sh tests/run.sh [SUITE...]
#   UPDATE=1       rewrite expected files (errors/*.err, golden/*) from the
#                  current output; review the result with git diff
#   VERBOSE=1      print every passing test too
#   MGC_VALGRIND=1 run every mgc invocation under valgrind
#   MGC_TEST_FAIL_ON_SKIP=1  a skipped test fails the run (CI sets this)
#
# A suite is a shell fragment that calls ok NAME, bad NAME [why] or
# skip NAME why for each test.  Use `mgc ARGS` to run the compiler
# (it honours MGC_VALGRIND) and $T for a scratch directory.
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
O=${O:-build}
MGC=${MGC:-$ROOT/$O/mgc}
SHARED=${SHARED:-$ROOT/../shared}
export MGC O ROOT SHARED
unset MGC_PATH

if [ ! -x "$MGC" ]; then
	echo "tests/run.sh: $MGC is not built (run make)" >&2
	exit 2
fi

pass=0
fail=0
skips=0
T=$(mktemp -d "${TMPDIR:-/tmp}/mgc-test.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

ok() {
	pass=$((pass + 1))
	if [ -n "${VERBOSE:-}" ]; then echo "ok   $1"; fi
}
bad() {
	fail=$((fail + 1))
	echo "FAIL $1${2:+: $2}"
}
skip() {
	skips=$((skips + 1))
	echo "SKIP $1${2:+: $2}"
}

if [ -n "${MGC_VALGRIND:-}" ]; then
	VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
else
	VG=
fi
mgc() {
	$VG "$MGC" "$@"
}

# Is a tool usable (root and a network namespace for nft/iptables)?
have() {
	command -v "$1" >/dev/null 2>&1
}

suites=${*:-}
if [ -z "$suites" ]; then
	suites=$(ls tests/suites/*.sh)
fi
for s in $suites; do
	case $s in */*) ;; *) s=tests/suites/$s.sh ;; esac
	# shellcheck disable=SC1090
	. "$ROOT/$s"
	cd "$ROOT" || exit 2
done

echo "$pass passed, $fail failed, $skips skipped"
if [ "$fail" -ne 0 ]; then
	exit 1
fi
if [ "$skips" -ne 0 ] && [ -n "${MGC_TEST_FAIL_ON_SKIP:-}" ]; then
	echo "tests/run.sh: $skips skipped tests, and MGC_TEST_FAIL_ON_SKIP is set" >&2
	exit 1
fi
exit 0
