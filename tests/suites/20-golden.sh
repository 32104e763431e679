# Golden outputs: tests/golden/NAME[@DEVICE].TARGET is the exact output
# of `mgc examples/NAME.mg -t TARGET [--device DEVICE]`.  Each is also
# compiled twice and compared byte for byte (determinism).  UPDATE=1
# rewrites existing golden files; create a new one with `touch` first.
for g in tests/golden/*.*; do
	[ -f "$g" ] || continue
	base=$(basename "$g")
	target=${base##*.}
	stem=${base%.*}
	name=${stem%%@*}
	device=
	case $stem in *@*) device=${stem#*@} ;; esac
	src=examples/$name.mg
	format=
	case $target in
	checkpoint-csv) target=checkpoint; format="--format csv" ;;
	esac
	if [ ! -f "$src" ]; then
		bad "$g" "no example $src"
		continue
	fi
	# shellcheck disable=SC2086
	mgc "$src" -t "$target" ${device:+--device "$device"} $format >"$T/g1" 2>"$T/gerr"
	rc=$?
	if [ -n "${UPDATE:-}" ] && [ "$rc" -eq 0 ]; then cp "$T/g1" "$g"; fi
	if [ "$rc" -ne 0 ]; then
		bad "$g" "exit $rc"
		head -20 "$T/gerr"
		continue
	fi
	if ! diff -u "$g" "$T/g1" >"$T/diff"; then
		bad "$g" "output differs"
		head -40 "$T/diff"
		continue
	fi
	ok "$g"
	# shellcheck disable=SC2086
	mgc "$src" -t "$target" ${device:+--device "$device"} $format >"$T/g2" 2>/dev/null
	if cmp -s "$T/g1" "$T/g2"; then ok "$g (deterministic)"; else bad "$g (deterministic)"; fi
done
