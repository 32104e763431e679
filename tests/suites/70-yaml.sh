# YAML input and `mgc fmt --to yaml|mg` (doc/yaml.md).
#
# 1. Every example compiles to the same JSON model from its .mg text and
#    from its YAML conversion, and again after .mg -> YAML -> .mg
#    (locations and source names differ, so "location" and "source" keys,
#    and the diagnostics' file/line/column keys, are dropped before
#    comparing).
# 2. The YAML errors corpus: tests/yaml-errors/NAME.yaml with NAME.err
#    holding the exact expected stderr; exit 1, nothing on stdout.
strip_locations() {
	python3 -c '
import json, sys
DROP = ("location", "source", "file", "line", "column", "end_line", "end_column")
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in DROP}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
json.dump(strip(json.load(sys.stdin)), sys.stdout, indent=1, sort_keys=True)
'
}

mkdir -p "$T/yaml"
for src in examples/*.mg; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .mg)
	y=$T/yaml/$name.yaml
	m=$T/yaml/$name.mg
	if ! mgc fmt --to yaml "$src" >"$y" 2>"$T/err"; then
		bad "yaml: $src -> yaml" "$(head -3 "$T/err")"
		continue
	fi
	if ! mgc "$src" -t json >"$T/want.json" 2>/dev/null; then
		skip "yaml: $src" "the .mg does not compile"
		continue
	fi
	strip_locations <"$T/want.json" >"$T/want.stripped"
	if ! mgc -I examples "$y" -t json >"$T/got.json" 2>"$T/err"; then
		bad "yaml: $src as YAML" "$(head -3 "$T/err")"
	elif ! strip_locations <"$T/got.json" | diff -u "$T/want.stripped" - >"$T/diff"; then
		bad "yaml: $src as YAML" "JSON models differ"
		head -20 "$T/diff"
	else
		ok "yaml: $src as YAML"
	fi
	if ! mgc fmt --to mg "$y" >"$m" 2>"$T/err"; then
		bad "yaml: $src -> yaml -> mg" "$(head -3 "$T/err")"
	elif ! mgc -I examples "$m" -t json >"$T/got.json" 2>"$T/err"; then
		bad "yaml: $src -> yaml -> mg" "$(head -3 "$T/err")"
	elif ! strip_locations <"$T/got.json" | diff -u "$T/want.stripped" - >"$T/diff"; then
		bad "yaml: $src -> yaml -> mg" "JSON models differ"
		head -20 "$T/diff"
	else
		ok "yaml: $src -> yaml -> mg"
	fi
	# Converting the converted file again changes nothing.
	if mgc fmt --to yaml "$m" >"$T/again.yaml" 2>/dev/null && cmp -s "$y" "$T/again.yaml"; then
		ok "yaml: $src conversion is stable"
	else
		bad "yaml: $src conversion is stable"
	fi
done

# The stdlib's templates survive the round trip too (syntax only).
for src in stdlib/*.mg; do
	name=$(basename "$src" .mg)
	if mgc fmt --to yaml "$src" >"$T/yaml/lib-$name.yaml" 2>"$T/err" &&
	   mgc fmt --to mg "$T/yaml/lib-$name.yaml" >"$T/yaml/lib-$name.mg" 2>>"$T/err" &&
	   mgc fmt --to yaml "$T/yaml/lib-$name.mg" >"$T/yaml/lib-$name.2.yaml" 2>>"$T/err" &&
	   cmp -s "$T/yaml/lib-$name.yaml" "$T/yaml/lib-$name.2.yaml"; then
		ok "yaml: $src round trip"
	else
		bad "yaml: $src round trip" "$(head -3 "$T/err")"
	fi
done

# --to -w writes NAME.yaml next to the input.
cp examples/spec-deploy.mg "$T/w.mg"
if mgc fmt --to yaml -w "$T/w.mg" && [ -s "$T/w.yaml" ] &&
   mgc "$T/w.yaml" >/dev/null 2>&1; then
	ok "yaml: fmt --to yaml -w"
else
	bad "yaml: fmt --to yaml -w"
fi
mgc fmt --to json "$T/w.mg" >/dev/null 2>"$T/err"
if [ $? -eq 2 ] && grep -q "unknown format 'json'" "$T/err"; then
	ok "yaml: fmt --to json refused"
else
	bad "yaml: fmt --to json refused"
fi

for src in tests/yaml-errors/*.yaml; do
	[ -f "$src" ] || continue
	want=${src%.yaml}.err
	mgc "$src" -t json >"$T/out" 2>"$T/err"
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
done
