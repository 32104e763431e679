# The commands of examples/ci/ do what examples/ci/README.md says: the
# drift check passes on freshly generated tables and fails (exit 1, with
# a diff) once the description changes.
C=$T/ci
mkdir -p "$C/rules"
cp examples/spec-deploy.mg "$C/deploy.mg"
gen() {
	mgc "$C/deploy.mg" -t nftables --device fw -o "$C/rules/fw.nft" &&
	mgc "$C/deploy.mg" -t checkpoint --device fw -o "$C/rules/fw.checkpoint" &&
	mgc "$C/deploy.mg" -t mailsweeper --device mailsweeper -o "$C/rules/mailsweeper.routes" &&
	mgc "$C/deploy.mg" -t postfix --device mailsweeper -o "$C/rules/transport"
}
drift() {
	mgc "$C/deploy.mg" -t nftables --device fw --diff "$C/rules/fw.nft" &&
	mgc "$C/deploy.mg" -t checkpoint --device fw --diff "$C/rules/fw.checkpoint" &&
	mgc "$C/deploy.mg" -t mailsweeper --device mailsweeper --diff "$C/rules/mailsweeper.routes" &&
	mgc "$C/deploy.mg" -t postfix --device mailsweeper --diff "$C/rules/transport"
}
if gen 2>"$T/ci.err"; then ok "ci example: tables generated"; else bad "ci example: tables generated"; cat "$T/ci.err"; fi
if drift >"$T/ci.out" 2>&1; then ok "ci example: no drift on fresh tables"; else bad "ci example: no drift"; head "$T/ci.out"; fi
sed -i 's/route example.com -> gateway;/route example.com -> gateway; route example.org -> gateway;/' "$C/deploy.mg"
drift >"$T/ci.out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^+.*example.*org' "$T/ci.out"; then ok "ci example: drift is caught with a diff"; else bad "ci example: drift caught" "exit $rc"; fi
if mgc --check --diagnostics sarif examples/spec-deploy.mg >"$T/ci.sarif" 2>/dev/null &&
   python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["version"] == "2.1.0"' "$T/ci.sarif"; then
	ok "ci example: SARIF on a clean description"
else
	bad "ci example: SARIF on a clean description"
fi
