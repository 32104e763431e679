#!/bin/sh
# make bench: generate policies of 1k, 10k and 100k rules (plus 10k mail
# routes each) with bench/gen.py and print, per size, the phase times
# (CPU seconds, from bench/phases.c linked against $O/libmgc.a), the
# end-to-end wall and CPU time and peak RSS of `mgc FILE -t TARGET`
# (from /usr/bin/time), the shadowed/redundant findings, and the growth
# from 10k to 100k next to what n log n would give.
#
#   O=build sh bench/run.sh
#   BENCH_SIZES="1000 10000"   BENCH_TARGET=json   BENCH_ROUTES=10000
#
# Two policies per size: one with the generator's shadowed rules (they
# are errors, so mgc stops before emitting; the phase times still cover
# emit, because phases.c emits regardless), one --clean with every
# shadowed rule removed, for the end-to-end run, which must exit 0.
set -u
cd "$(dirname "$0")/.." || exit 2
O=${O:-build}
MGC=${MGC:-$PWD/$O/mgc}
SIZES=${BENCH_SIZES:-"1000 10000 100000"}
ROUTES=${BENCH_ROUTES:-10000}
CC=${CC:-cc}

if [ ! -x "$MGC" ] || [ ! -f "$O/libmgc.a" ]; then
	echo "bench/run.sh: build first (make O=$O)" >&2
	exit 2
fi
if [ -z "${BENCH_TARGET:-}" ]; then
	if "$MGC" --list-targets | grep -q '^nftables '; then BENCH_TARGET=nftables; else BENCH_TARGET=json; fi
fi
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench/run.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/mgc-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
# shellcheck disable=SC2046
$CC -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -I"$O/grammar" -Igrammar -Icompiler -Ibackends \
	$(pkg-config --cflags jansson yaml-0.1 2>/dev/null) -o "$dir/phases" bench/phases.c "$O/libmgc.a" \
	$(pkg-config --libs jansson yaml-0.1 2>/dev/null || echo -ljansson -lyaml) || exit 2

echo "mgc bench: target $BENCH_TARGET, $ROUTES routes per policy, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
echo "times in seconds (phases: CPU time of one run; total: wall and user+sys of mgc -t $BENCH_TARGET)"
printf '%8s %8s %9s %9s %9s %9s %9s %9s %8s %9s %10s\n' rules boxes front-end analysis emit \
	total-wall total-cpu peak-MB shadowed redundant output-MB
for n in $SIZES; do
	python3 bench/gen.py "$n" --routes "$ROUTES" >"$dir/p$n.mg" || exit 2
	python3 bench/gen.py "$n" --routes "$ROUTES" --clean >"$dir/c$n.mg" || exit 2
	# Random overlap shadows some rules even in the clean policy: drop
	# them (removing a shadowed rule never shadows another one), in
	# rounds, because the diagnostics sink stores a limited number.
	round=0
	while [ "$round" -lt 10 ]; do
		round=$((round + 1))
		"$MGC" --diagnostics json "$dir/c$n.mg" >"$dir/cdiag.json" 2>/dev/null && break
		python3 -c 'import json, sys
bad = {x["line"] for x in json.load(open(sys.argv[1])) if x["code"] == "MGC1502"}
lines = open(sys.argv[2]).read().split("\n")
open(sys.argv[2], "w").write("\n".join(l for i, l in enumerate(lines) if i + 1 not in bad))' \
			"$dir/cdiag.json" "$dir/c$n.mg" || exit 2
	done
	set -- $("$dir/phases" "$dir/p$n.mg" "$BENCH_TARGET")
	compile=$2 analysis=$4 emit=$6 boxes=$8
	front=$(echo "$compile $analysis" | awk '{ printf "%.3f", $1 - $2 }')
	"$MGC" --diagnostics json "$dir/p$n.mg" >"$dir/diag.json" 2>/dev/null
	set -- $(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(sum(x["code"] == "MGC1502" for x in d), sum(x["code"] == "MGC1503" for x in d))' "$dir/diag.json")
	shadowed=$1 redundant=$2
	$TIME -f '%e %U %S %M %x' -o "$dir/time" "$MGC" -q "$dir/c$n.mg" -t "$BENCH_TARGET" \
		--device fw >"$dir/out" 2>/dev/null
	set -- $(tail -1 "$dir/time")
	if [ "$5" -ne 0 ]; then
		echo "bench/run.sh: mgc exited $5 on the clean $n-rule policy" >&2
	fi
	cpu=$(echo "$2 $3" | awk '{ printf "%.2f", $1 + $2 }')
	mb=$(echo "$4" | awk '{ printf "%.0f", $1 / 1024 }')
	omb=$(wc -c <"$dir/out" | awk '{ printf "%.1f", $1 / 1048576 }')
	printf '%8s %8s %9s %9s %9s %9s %9s %9s %8s %9s %10s\n' "$n" "$boxes" "$front" "$analysis" \
		"$emit" "$1" "$cpu" "$mb" "$shadowed" "$redundant" "$omb"
	eval "an_$n=$analysis tot_$n=$cpu"
done
if [ -n "${an_10000:-}" ] && [ -n "${an_100000:-}" ]; then
	awk -v a="$an_10000" -v b="$an_100000" -v c="$tot_10000" -v d="$tot_100000" 'BEGIN {
		printf "growth 10k -> 100k: analysis x%.1f, total CPU x%.1f (linear x10, n log n x%.1f)\n",
			b / (a > 0 ? a : 0.001), d / (c > 0 ? c : 0.001), 10 * log(100000) / log(10000) }'
fi
