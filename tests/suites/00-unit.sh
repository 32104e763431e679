# cmocka unit tests: every build/tests/test_* binary; cmocka's own
# "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)" lines are
# added to the totals.
for ut in "$O"/tests/test_*; do
	[ -x "$ut" ] || continue
	name=unit/$(basename "$ut")
	if [ -n "$VG" ]; then
		$VG "$ut" >"$T/unit.out" 2>&1
	else
		"$ut" >"$T/unit.out" 2>&1
	fi
	rc=$?
	np=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$T/unit.out" | tail -1)
	nf=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$T/unit.out" | tail -1)
	pass=$((pass + ${np:-0}))
	if [ "$rc" -ne 0 ] || [ -n "$nf" ] || [ -z "$np" ]; then
		bad "$name" "exit $rc, ${nf:-?} failed"
		grep -E '^\[  (FAILED|ERROR)|Failure|error' "$T/unit.out" | head -20
	fi
done
