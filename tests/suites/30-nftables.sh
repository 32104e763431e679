# nftables target: every golden .nftables output must pass `nft -c -f`
# (inside `unshare -n`, so the host ruleset is never touched), load
# twice, and replace a different earlier table without leaving stale
# objects.  Injection attempts through rule comments are refused or
# emitted safely; names that are nft keywords give loadable output;
# rules that cannot apply to a family are reported, never widened.
. "$ROOT/tests/netns/lib.sh"

if ! have nft; then
	skip "nftables tool tests" "nft is not installed (scripts/install-deps.sh)"
elif ! netfw_usable; then
	skip "nftables tool tests" "needs root and unshare -n (uid $(id -u))"
else
	for g in tests/golden/*.nftables; do
		[ -f "$g" ] || continue
		if unshare -n nft -c -f "$g" >"$T/nerr" 2>&1; then
			ok "nft -c -f $g"
		else
			bad "nft -c -f $g" "$(head -5 "$T/nerr")"
		fi
		if unshare -n sh -c "nft -f '$g' && nft -f '$g' && nft list table inet mgc >/dev/null" \
			>"$T/nerr" 2>&1; then
			ok "nft -f $g (loaded twice)"
		else
			bad "nft -f $g (loaded twice)" "$(head -5 "$T/nerr")"
		fi
	done

	# Reload replaces: load the merge example, then the netns one; none
	# of the first one's sets or chains may survive.
	if unshare -n sh -c "nft -f tests/golden/fw-merge.nftables &&
		nft -f tests/golden/fw-netns.nftables && nft list ruleset" >"$T/nlist" 2>&1 &&
		! grep -q 'grp_1' "$T/nlist" && grep -q 'chain cp_0_1' "$T/nlist" &&
		[ "$(grep -c '^table' "$T/nlist")" -eq 1 ]; then
		ok "nft reload leaves no stale set or chain"
	else
		bad "nft reload leaves no stale set or chain" "$(head -5 "$T/nlist")"
	fi

	# Keyword-like zone and host names never reach an identifier.
	if grep -Eq '(set|chain|map) (ip|meta|counter|fwd|log|accept|drop|table|chain)\b' \
		tests/golden/fw-nested.nftables; then
		bad "keyword-like names stay out of identifiers"
	else
		ok "keyword-like names stay out of identifiers"
	fi

	# Injection through comments: refused (exit 1, no output, MGC1801)
	# or emitted, accepted by nft, and listed back verbatim.
	i=0
	printf '%s\n' "$INJECTIONS" | while IFS= read -r p; do
		i=$((i + 1))
		inject_mg "$T/inj$i.mg" "$p"
		mgc "$T/inj$i.mg" -t nftables >"$T/inj.out" 2>"$T/inj.err"
		rc=$?
		if [ "$rc" -eq 1 ]; then
			if [ ! -s "$T/inj.out" ] && grep -q 'MGC1801' "$T/inj.err"; then
				echo "ok"
			else
				echo "bad refused-without-diagnostic: $p"
			fi
		elif [ "$rc" -eq 0 ] && unshare -n sh -c "nft -f '$T/inj.out' &&
			nft list ruleset" >"$T/inj.list" 2>&1; then
			# exactly one table, one input hook, and the comment intact
			if [ "$(grep -c '^table' "$T/inj.list")" -eq 1 ] &&
				[ "$(grep -Ec '^[[:space:]]*type filter hook input' "$T/inj.list")" -eq 1 ] &&
				grep -c 'comment "' "$T/inj.list" >/dev/null; then
				echo "ok"
			else
				echo "bad injected: $p"
			fi
		else
			echo "bad exit $rc or nft refused: $p"
		fi
	done >"$T/inj.res"
	while IFS= read -r line; do
		case $line in
		ok) ok "nft injection" ;;
		*) bad "nft injection" "$line" ;;
		esac
	done <"$T/inj.res"
fi

# Family handling: no widening, every left-out part reported.
mgc examples/fw-nested.mg -t nftables >"$T/fam.out" 2>"$T/fam.err"
if grep -q 'fw-nested.mg:34:3: warning: rule 5 cannot apply to IPv4 or IPv6' "$T/fam.err" &&
	! grep -q '# rule 5 ' "$T/fam.out"; then
	ok "nft: rule with no common family is left out, with a warning"
else
	bad "nft: rule with no common family is left out, with a warning"
fi
if grep -q 'fw-nested.mg:35:3: warning: rule 6 cannot apply to IPv6' "$T/fam.err" &&
	grep -A3 '# rule 6 ' "$T/fam.out" | grep -q 'ip daddr 203.0.113.0/24' &&
	! grep -A3 '# rule 6 ' "$T/fam.out" | grep -q 'ip6'; then
	ok "nft: mixed-family rule keeps its IPv4 part only, with a warning"
else
	bad "nft: mixed-family rule keeps its IPv4 part only, with a warning"
fi
# A rule that names IPv4 addresses never appears without its address match.
if grep -A2 '# rule 6 ' "$T/fam.out" | grep -Ev '^\s*#' | grep -q 'ip daddr'; then
	ok "nft: no widening of rule 6"
else
	bad "nft: no widening of rule 6"
fi
# Loopback: reported, not silently dropped.
cat >"$T/lo.mg" <<'EOF2'
zone dirty { network 0.0.0.0/0; }
firewall fw { kind packet; interface eth0 zone dirty; }
policy fw { allow tcp 25 from dirty to self; deny tcp 25 from self to self; }
EOF2
mgc "$T/lo.mg" -t nftables >/dev/null 2>"$T/lo.err"
if grep -q "loopback" "$T/lo.err"; then ok "nft: loopback part reported"; else bad "nft: loopback part reported"; fi
# Interface names outside the kernel's alphabet are refused.
cat >"$T/if.mg" <<'EOF2'
zone dirty { network 0.0.0.0/0; }
firewall fw { kind packet; interface averyveryverylongname0 zone dirty; }
policy fw { allow tcp 25 from dirty to self; }
EOF2
mgc "$T/if.mg" -t nftables >"$T/if.out" 2>"$T/if.err"
if [ $? -eq 1 ] && [ ! -s "$T/if.out" ] && grep -Eq 'MGC1801|MGC1304' "$T/if.err"; then
	ok "nft: over-long interface name refused"
else
	bad "nft: over-long interface name refused"
fi
