# mgc fmt: idempotent (formatting twice changes nothing), meaning-
# preserving (the JSON model before and after is identical, locations
# aside) on every example and stdlib module, comments kept; --check and -w.
strip_loc() {
	python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("location", "source", "file", "line", "column", "end_line", "end_column")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
print(json.dumps(strip(json.load(open(sys.argv[1]))), indent=1, sort_keys=True))' "$1"
}
for f in examples/*.mg stdlib/*.mg; do
	[ -f "$f" ] || continue
	name="fmt $f"
	if ! mgc fmt "$f" >"$T/f1.mg" 2>"$T/f.err"; then
		bad "$name" "mgc fmt failed"
		head -5 "$T/f.err"
		continue
	fi
	mgc fmt "$T/f1.mg" >"$T/f2.mg" 2>/dev/null
	if cmp -s "$T/f1.mg" "$T/f2.mg"; then ok "$name: idempotent"; else bad "$name: idempotent"; diff -u "$T/f1.mg" "$T/f2.mg" | head -20; fi
	nc1=$(grep -c '#' "$f") nc2=$(grep -c '#' "$T/f1.mg")
	if [ "$nc1" -eq "$nc2" ]; then ok "$name: comments kept"; else bad "$name: comments kept" "$nc1 -> $nc2 lines with #"; fi
	case $f in stdlib/*) continue ;; esac
	# Relative imports must resolve the same: format next to the original.
	cp "$T/f1.mg" "$(dirname "$f")/.fmt-test-$$.mg"
	if mgc "$f" -t json >"$T/j1.json" 2>/dev/null &&
	   mgc "$(dirname "$f")/.fmt-test-$$.mg" -t json >"$T/j2.json" 2>/dev/null &&
	   strip_loc "$T/j1.json" >"$T/s1" && strip_loc "$T/j2.json" >"$T/s2" && cmp -s "$T/s1" "$T/s2"; then
		ok "$name: same model"
	else
		bad "$name: same model"
		diff -u "$T/s1" "$T/s2" | head -20
	fi
	rm -f "$(dirname "$f")/.fmt-test-$$.mg"
done

# --check and -w.
printf 'zone   dmz{network 172.16.1.0/24;}\n' >"$T/ugly.mg"
mgc fmt --check "$T/ugly.mg" >"$T/chk.out" 2>&1
if [ $? -eq 1 ] && grep -q ugly.mg "$T/chk.out"; then ok "fmt --check finds an unformatted file"; else bad "fmt --check"; fi
mgc fmt -w "$T/ugly.mg"
if [ "$(cat "$T/ugly.mg")" = "zone dmz { network 172.16.1.0/24; }" ]; then ok "fmt -w rewrites the file"; else bad "fmt -w" "$(cat "$T/ugly.mg")"; fi
mgc fmt --check "$T/ugly.mg" >/dev/null 2>&1
if [ $? -eq 0 ]; then ok "fmt --check accepts a formatted file"; else bad "fmt --check on a formatted file"; fi
printf 'zone dmz { network 172.16.1.0/24 }\n' >"$T/broken.mg"
cp "$T/broken.mg" "$T/broken.orig"
mgc fmt -w "$T/broken.mg" >/dev/null 2>"$T/broken.err"
if [ $? -eq 1 ] && cmp -s "$T/broken.mg" "$T/broken.orig" && grep -q "expected ';'" "$T/broken.err"; then
	ok "fmt refuses a file with syntax errors"
else
	bad "fmt refuses a file with syntax errors"
fi
