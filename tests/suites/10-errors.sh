# The errors corpus: tests/errors/NAME.mg with NAME.err holding the
# exact expected stderr.  Each must exit 1, print nothing on stdout
# (even with a target) and leave an -o file untouched.
for src in tests/errors/*.mg; do
	[ -f "$src" ] || continue
	want=${src%.mg}.err
	args=
	if [ -f "${src%.mg}.args" ]; then args=$(cat "${src%.mg}.args"); fi
	# shellcheck disable=SC2086
	mgc $args "$src" >"$T/out" 2>"$T/err"
	rc=$?
	if [ -n "${UPDATE:-}" ]; then cp "$T/err" "$want"; fi
	if [ "$rc" -ne 1 ]; then
		bad "$src" "exit $rc, want 1"
	elif [ -s "$T/out" ]; then
		bad "$src" "stdout not empty"
	elif [ ! -f "$want" ]; then
		bad "$src" "no $want (run with UPDATE=1 and review)"
	elif ! diff -u "$want" "$T/err" >"$T/diff"; then
		bad "$src" "stderr differs"
		head -40 "$T/diff"
	else
		ok "$src"
	fi
	# With a target and -o, the old output must survive.
	echo "old contents" >"$T/keep"
	# shellcheck disable=SC2086
	mgc $args "$src" -t json -o "$T/keep" >/dev/null 2>&1
	rc=$?
	if [ "$rc" -eq 1 ] && [ "$(cat "$T/keep")" = "old contents" ] &&
	   [ -z "$(ls -A "$T" | grep '^\.mgc-tmp')" ]; then
		ok "$src (-o untouched)"
	else
		bad "$src (-o untouched)" "exit $rc"
	fi
done
