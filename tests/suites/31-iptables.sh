# iptables and ip6tables targets: every golden output must pass
# `iptables-restore --test` / `ip6tables-restore --test` and load for
# real (which also catches jumps to undeclared chains) inside
# `unshare -n`.  Injection through comments: refused or round-tripped.
# Rules that cannot apply to the family emitted are reported.
. "$ROOT/tests/netns/lib.sh"

if ! have iptables-restore || ! have ip6tables-restore; then
	skip "iptables tool tests" "iptables is not installed (scripts/install-deps.sh)"
elif ! netfw_usable; then
	skip "iptables tool tests" "needs root and unshare -n (uid $(id -u))"
else
	for g in tests/golden/*.iptables tests/golden/*.ip6tables; do
		[ -f "$g" ] || continue
		case $g in *.ip6tables) tool=ip6tables ;; *) tool=iptables ;; esac
		if unshare -n "$tool-restore" --test "$g" >"$T/ierr" 2>&1; then
			ok "$tool-restore --test $g"
		else
			bad "$tool-restore --test $g" "$(head -5 "$T/ierr")"
		fi
		if unshare -n sh -c "$tool-restore '$g' && $tool-restore '$g' &&
			$tool-save -t filter" >"$T/isave" 2>&1 &&
			grep -q ':FORWARD DROP' "$T/isave" && grep -q -- '-A FORWARD -j mgc_forward' "$T/isave"; then
			ok "$tool-restore $g (loaded twice)"
		else
			bad "$tool-restore $g (loaded twice)" "$(head -5 "$T/isave")"
		fi
	done

	i=0
	printf '%s\n' "$INJECTIONS" | while IFS= read -r p; do
		i=$((i + 1))
		inject_mg "$T/inj$i.mg" "$p"
		for tool in iptables ip6tables; do
			mgc "$T/inj$i.mg" -t "$tool" >"$T/inj.out" 2>"$T/inj.err"
			rc=$?
			if [ "$rc" -eq 1 ]; then
				if [ ! -s "$T/inj.out" ] && grep -q 'MGC1801' "$T/inj.err"; then
					echo "ok"
				else
					echo "bad refused-without-diagnostic ($tool): $p"
				fi
			elif [ "$rc" -eq 0 ] && unshare -n sh -c "$tool-restore '$T/inj.out' &&
				$tool-save -t filter" >"$T/inj.save" 2>&1; then
				# the comment survives as one argument, and no extra rule appears
				if [ "$(grep -c -- '--comment' "$T/inj.save")" -eq 1 ] &&
					[ "$(grep -c '^-A INPUT ' "$T/inj.save")" -eq 1 ]; then
					echo "ok"
				else
					echo "bad injected ($tool): $p"
				fi
			else
				echo "bad exit $rc or $tool-restore refused: $p"
			fi
		done
	done >"$T/inj.res"
	while IFS= read -r line; do
		case $line in
		ok) ok "iptables injection" ;;
		*) bad "iptables injection" "$line" ;;
		esac
	done <"$T/inj.res"
fi

# The IPv6 half of the SPEC example leaves out the four IPv4-only rules,
# each with a warning, and keeps rule 5 (any to any).
mgc examples/spec-deploy.mg -t ip6tables >"$T/v6.out" 2>"$T/v6.err"
if [ "$(grep -c 'warning: rule [1-4] cannot apply to IPv6.*left out of the ip6tables output' "$T/v6.err")" -eq 4 ] &&
	grep -q '^# rule 5 ' "$T/v6.out" && ! grep -q '^# rule [1-4] ' "$T/v6.out"; then
	ok "ip6tables: IPv4-only rules left out with warnings"
else
	bad "ip6tables: IPv4-only rules left out with warnings"
fi
# An IPv6-only rule is reported by the IPv4 half and present in the IPv6 one.
mgc examples/fw-nested.mg -t iptables >"$T/v4.out" 2>"$T/v4.err"
mgc examples/fw-nested.mg -t ip6tables >"$T/v6.out" 2>/dev/null
if grep -q 'fw-nested.mg:33:3: warning: rule 4 cannot apply to IPv4' "$T/v4.err" &&
	! grep -q '^# rule 4 ' "$T/v4.out" && grep -q '^# rule 4 ' "$T/v6.out"; then
	ok "iptables: IPv6-only rule left out with a warning"
else
	bad "iptables: IPv6-only rule left out with a warning"
fi
# multiport: at most 15 slots per match (a range counts two).
if awk '/--dports/ { n = split($0, a, "--dports "); split(a[2], w, " "); k = split(w[1], p, ",");
	s = 0; for (i = 1; i <= k; i++) s += (p[i] ~ /:/) ? 2 : 1; if (s > 15) bad = 1 }
	END { exit bad }' tests/golden/*.iptables tests/golden/*.ip6tables &&
	[ "$(grep -c -- '--dports 300:400,500:600,700:800,900:1000' tests/golden/fw-nested.iptables)" -ge 1 ]; then
	ok "iptables: multiport lists split at 15 ports"
else
	bad "iptables: multiport lists split at 15 ports"
fi
# Chain names: [a-z][a-z0-9_]*, at most 28 characters.
if grep -h '^:mgc' tests/golden/*.iptables tests/golden/*.ip6tables |
	awk '{ n = substr($1, 2); if (n !~ /^[a-z][a-z0-9_]*$/ || length(n) > 28) bad = 1 } END { exit bad }'; then
	ok "iptables: chain names from a fixed alphabet"
else
	bad "iptables: chain names from a fixed alphabet"
fi
