# The command line: exit codes, --help/--version/--list-targets, -o
# atomicity, --diff, stdin, diagnostics formats, -I and $MGC_PATH.
ex=examples/spec-deploy.mg

expect_rc() {	# NAME WANT CMD...
	name=$1 want=$2
	shift 2
	"$@" >"$T/cli.out" 2>"$T/cli.err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; else bad "$name" "exit $rc, want $want"; cat "$T/cli.err"; fi
}

expect_rc "cli: check a good file" 0 mgc "$ex"
expect_rc "cli: --check" 0 mgc --check "$ex"
expect_rc "cli: no input is a usage error" 2 mgc
expect_rc "cli: unknown option" 2 mgc --frobnicate "$ex"
expect_rc "cli: unknown target" 2 mgc "$ex" -t nosuch
expect_rc "cli: missing file" 2 mgc no-such-file.mg
expect_rc "cli: two input files" 2 mgc "$ex" "$ex"
expect_rc "cli: --check with -t" 2 mgc --check -t json "$ex"
expect_rc "cli: -o without -t" 2 mgc -o "$T/x" "$ex"
expect_rc "cli: bad --diagnostics" 2 mgc --diagnostics xml "$ex"
expect_rc "cli: description errors exit 1" 1 mgc tests/errors/2-unknown-zone.mg

mgc --help >"$T/help" 2>&1
if grep -q "^usage: mgc" "$T/help" && grep -q -- "--list-targets" "$T/help"; then ok "cli: --help"; else bad "cli: --help"; fi
mgc --version >"$T/ver"
if grep -q "^mgc [0-9]" "$T/ver" && grep -q "^stdlib: /" "$T/ver"; then ok "cli: --version"; else bad "cli: --version"; fi

# --list-targets lists exactly the targets that work: each one must
# compile the example it is meant for.
mgc --list-targets >"$T/targets"
if [ -s "$T/targets" ]; then ok "cli: --list-targets"; else bad "cli: --list-targets" "empty"; fi
while read -r tgt _; do
	okay=
	for e in examples/*.mg; do
		mgc "$e" -t json >"$T/model.json" 2>/dev/null || continue
		for dev in "" $(python3 -c 'import json,sys
m=json.load(open(sys.argv[1]))
print(" ".join(sorted(set([f["name"] for f in m["firewalls"]]+[r["name"] for r in m["relays"]]+[p["name"] for p in m["profiles"]]))))' "$T/model.json"); do
			if mgc "$e" -t "$tgt" ${dev:+--device "$dev"} >"$T/tgt.out" 2>/dev/null && [ -s "$T/tgt.out" ]; then
				okay=1
				break 2
			fi
		done
	done
	if [ -n "$okay" ]; then ok "cli: target $tgt works on an example"; else bad "cli: target $tgt" "no example compiles to it"; fi
done <"$T/targets"

# Standard input.
if mgc - -t json <"$ex" >"$T/stdin.json" 2>"$T/stdin.err" && python3 -m json.tool "$T/stdin.json" >/dev/null; then
	ok "cli: stdin"
else
	bad "cli: stdin"
fi

# -o writes atomically and keeps permissions; on error the old file stays.
printf 'old\n' >"$T/out.json"
chmod 640 "$T/out.json"
if mgc "$ex" -t json -o "$T/out.json" 2>/dev/null && python3 -m json.tool "$T/out.json" >/dev/null &&
   [ "$(stat -c %a "$T/out.json")" = 640 ]; then
	ok "cli: -o writes the output and keeps the mode"
else
	bad "cli: -o"
fi
cp "$T/out.json" "$T/out.before"
mgc tests/errors/2-unknown-zone.mg -t json -o "$T/out.json" 2>/dev/null
if cmp -s "$T/out.json" "$T/out.before"; then ok "cli: -o leaves the old file on error"; else bad "cli: -o on error"; fi
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$T/ro" && printf 'old\n' >"$T/ro/f" && chmod 555 "$T/ro"
	mgc "$ex" -t json -o "$T/ro/f" 2>"$T/ro.err"
	rc=$?
	chmod 755 "$T/ro"
	if [ "$rc" -eq 2 ] && [ "$(cat "$T/ro/f")" = old ]; then ok "cli: -o into a read-only directory"; else bad "cli: -o read-only" "exit $rc"; fi
fi
mgc "$ex" -t json -o "$T/nodir/x.json" 2>"$T/nodir.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "cannot create" "$T/nodir.err"; then ok "cli: -o into a missing directory"; else bad "cli: -o missing dir" "exit $rc"; fi
if ls -A "$T" | grep -q '^\.mgc-tmp'; then bad "cli: -o left a temporary file"; else ok "cli: -o leaves no temporary file"; fi

# --diff: 0 when equal, 1 with a unified diff when not.
mgc "$ex" -t json >"$T/cur.json"
expect_rc "cli: --diff equal" 0 mgc "$ex" -t json --diff "$T/cur.json"
if [ ! -s "$T/cli.out" ]; then ok "cli: --diff equal prints nothing"; else bad "cli: --diff equal prints"; fi
sed 's/"smtp"/"smtq"/' "$T/cur.json" >"$T/old.json"
expect_rc "cli: --diff different" 1 mgc "$ex" -t json --diff "$T/old.json"
# The printed diff must turn the old file into the new one.
if head -1 "$T/cli.out" | grep -q "^--- " && cp "$T/old.json" "$T/patched.json" &&
   (cd "$T" && patch -s patched.json <cli.out) 2>/dev/null && cmp -s "$T/patched.json" "$T/cur.json"; then
	ok "cli: --diff output is a correct unified diff"
else
	if command -v patch >/dev/null; then bad "cli: --diff output" "does not patch"; else skip "cli: --diff output" "no patch(1)"; fi
fi
expect_rc "cli: --diff against a missing file" 1 mgc "$ex" -t json --diff "$T/none.json"

# Diagnostics as JSON and SARIF are valid and describe the problem.
mgc --diagnostics json tests/errors/2-unknown-zone.mg >"$T/d.json" 2>/dev/null
if python3 - "$T/d.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d[0]["code"] == "MGC1101" and d[0]["line"] == 2 and d[0]["column"] == 25, d
assert d[0]["end_column"] == 29 and "dmzz" in d[0]["message"]
PY
then ok "cli: --diagnostics json"; else bad "cli: --diagnostics json"; fi
mgc --diagnostics sarif tests/errors/2-unknown-zone.mg >"$T/d.sarif" 2>/dev/null
if python3 - "$T/d.sarif" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["version"] == "2.1.0" and s["$schema"].endswith("sarif-2.1.0.json")
run = s["runs"][0]
rules = run["tool"]["driver"]["rules"]
assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
res = run["results"][0]
assert res["ruleId"] == "MGC1101" and res["level"] == "error"
reg = res["locations"][0]["physicalLocation"]["region"]
assert reg["startLine"] == 2 and reg["startColumn"] == 25 and reg["endColumn"] == 29
assert res["partialFingerprints"]["primaryLocationLineHash"]
assert rules[res["ruleIndex"]]["id"] == "MGC1101"
PY
then ok "cli: --diagnostics sarif"; else bad "cli: --diagnostics sarif"; fi

# Module search: -I and $MGC_PATH.
mkdir -p "$T/mods"
printf 'zone extra { network 10.9.0.0/16; }\n' >"$T/mods/site.mg"
printf 'import "site";\nhost h { zone extra; address 10.9.0.1; }\n' >"$T/uses-site.mg"
expect_rc "cli: module not on the path" 1 mgc "$T/uses-site.mg"
expect_rc "cli: -I finds a module" 0 mgc -I "$T/mods" "$T/uses-site.mg"
MGC_PATH=$T/mods expect_rc "cli: \$MGC_PATH finds a module" 0 mgc "$T/uses-site.mg"

# Warnings and --werror.
printf 'zone z { network 10.0.0.0/8; network 10.1.0.0/16; }\n' >"$T/warn.mg"
expect_rc "cli: a warning alone exits 0" 0 mgc "$T/warn.mg"
if grep -q "warning:" "$T/cli.err"; then ok "cli: the warning is shown"; else bad "cli: warning shown"; fi
expect_rc "cli: --werror makes it fail" 1 mgc --werror "$T/warn.mg"
expect_rc "cli: -q hides warnings" 0 mgc -q "$T/warn.mg"
if [ ! -s "$T/cli.err" ]; then ok "cli: -q prints nothing"; else bad "cli: -q prints"; fi
