# Allocation-failure injection: MGC_FAIL_ALLOC_AFTER=N makes the (N+1)th
# allocation fail.  For N along a full compile of an example to a
# target (every N when the compile makes at most 600 allocations, else
# 600 evenly spaced points; under valgrind 60), mgc must exit 2 with
# "out of memory", write nothing to stdout and leave the -o file
# untouched.
for spec in "examples/spec-deploy.mg json" "examples/spec-profile.mg json"; do
	set -- $spec
	src=$1 tgt=$2
	# The number of allocations of a successful run.
	total=1
	while :; do
		MGC_FAIL_ALLOC_AFTER=$total "$MGC" "$src" -t "$tgt" >/dev/null 2>&1 && break
		total=$((total * 2))
		if [ "$total" -gt 10000000 ]; then break; fi
	done
	points=600
	if [ -n "$VG" ]; then points=60; fi
	step=$((total / points + 1))
	n=0 failures=0 runs=0
	echo keep >"$T/oom.keep"
	while [ "$n" -lt "$total" ]; do
		MGC_FAIL_ALLOC_AFTER=$n mgc "$src" -t "$tgt" -o "$T/oom.keep" >"$T/oom.out" 2>"$T/oom.err"
		rc=$?
		runs=$((runs + 1))
		if [ "$rc" -eq 0 ]; then
			echo keep >"$T/oom.keep"	# N was past the last allocation
		elif [ "$rc" -ne 2 ] || ! grep -q "out of memory" "$T/oom.err" ||
		     [ -s "$T/oom.out" ] || [ "$(cat "$T/oom.keep")" != keep ]; then
			failures=$((failures + 1))
			if [ "$failures" -le 3 ]; then
				echo "  allocation $n: exit $rc: $(head -c 200 "$T/oom.err")"
			fi
		fi
		n=$((n + step))
	done
	if ls -A "$T" | grep -q '^\.mgc-tmp'; then failures=$((failures + 1)); echo "  temporary file left behind"; fi
	if [ "$failures" -eq 0 ]; then
		ok "allocation failure at each of $runs points: $src -t $tgt"
	else
		bad "allocation failure: $src -t $tgt" "$failures of $runs runs misbehaved"
	fi
done
