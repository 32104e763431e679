# Inputs the fuzzer once broke mgc with: each must now end with exit 0
# or 1 (never a crash, a sanitizer report or exit 2) within 20 seconds.
for f in tests/fuzz/regressions/*; do
	[ -f "$f" ] || continue
	timeout 20 "$MGC" "$f" -t json >/dev/null 2>"$T/fz.err"
	rc=$?
	if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
		ok "fuzz regression $(basename "$f")"
	else
		bad "fuzz regression $(basename "$f")" "exit $rc"
		tail -5 "$T/fz.err"
	fi
done
