# Packet tests: compile examples/fw-netns.mg, load it into a firewall
# namespace between a dirty host, a DMZ relay and a clean gateway
# (tests/netns/topo.sh), and probe TCP connections both ways, to and
# from the firewall itself, with nftables and then with iptables +
# ip6tables.  The expected matrix below is written from the policy's
# text, rule by rule, not from the compiled output.  Then a reload test:
# a policy without rule 1 replaces the first (no stale rule), and the
# original comes back.  Needs root; namespaces are removed on exit.
. "$ROOT/tests/netns/lib.sh"

netns_probe_matrix() {	# LABEL MATRIXFILE
	# group the targets by source namespace, probe, compare
	: >"$T/got"
	for src in dirty relay gw fw; do
		case $src in
		dirty) ns=$NS_DIRTY ;; relay) ns=$NS_RELAY ;; gw) ns=$NS_GW ;; fw) ns=$NS_FW ;;
		esac
		targets=$(awk -v s="$src" '$1 == s { print $2 }' "$2")
		[ -n "$targets" ] || continue
		# shellcheck disable=SC2086
		nsx "$ns" python3 "$ROOT/tests/netns/probe.py" 0.5 $targets |
			sed "s/^/$src /" >>"$T/got"
	done
	while read -r src tgt want why; do
		got=$(awk -v s="$src" -v t="$tgt" '$1 == s && $2 == t { print $3 }' "$T/got")
		if [ "$got" = "$want" ]; then
			ok "$1: $src -> $tgt $want"
		else
			bad "$1: $src -> $tgt" "want $want ($why), got ${got:-nothing}"
		fi
	done <"$2"
}

if [ "$(id -u)" -ne 0 ]; then
	skip "netns packet tests" "need root to create network namespaces (uid $(id -u))"
elif ! have ip || ! have python3 || ! have nft || ! have iptables-restore; then
	skip "netns packet tests" "need ip, python3, nft and iptables (scripts/install-deps.sh)"
else
	. "$ROOT/tests/netns/topo.sh"
	trap 'topo_down; rm -rf "$T"' EXIT INT TERM

	# SRC TARGET EXPECTED WHY -- from examples/fw-netns.mg
	cat >"$T/matrix" <<'EOF2'
dirty 10.1.0.2:25 open rule-1:smtp-dirty-to-relay
dirty [fd00:1::2]:25 open rule-1:smtp-dirty-to-relay(v6)
relay 203.0.113.2:25 open rule-2:smtp-relay-to-dirty
relay [2001:db8:ff::2]:25 open rule-2:smtp-relay-to-dirty(v6)
relay 10.2.0.2:25 open rule-3:smtp-relay-to-gateway
relay 10.2.0.2:8025 open rule-3:tcp-8025-relay-to-gateway
relay [fd00:2::2]:8025 open rule-3:tcp-8025-relay-to-gateway(v6)
gw 10.1.0.2:25 open rule-4:smtp-gateway-to-relay
gw [fd00:1::2]:25 open rule-4:smtp-gateway-to-relay(v6)
gw 10.2.0.1:22 open rule-5:ssh-gateway-to-self
gw [fd00:2::1]:22 open rule-5:ssh-gateway-to-self(v6)
dirty 203.0.113.1:8080 open rule-6:8080-dirty-to-self
dirty [2001:db8:ff::1]:8080 open rule-6:8080-dirty-to-self(v6)
gw 203.0.113.2:80 open rule-7:http-clean-to-dirty
gw [2001:db8:ff::2]:80 open rule-7:http-clean-to-dirty(v6)
gw 203.0.113.2:8081 refused rule-8:reject-8081-clean-to-dirty
gw [2001:db8:ff::2]:8081 refused rule-8:reject-8081-clean-to-dirty(v6)
dirty 10.2.0.2:25 timeout rule-9:smtp-denied-elsewhere
gw 203.0.113.2:25 timeout rule-9:smtp-denied-elsewhere
dirty [fd00:2::2]:25 timeout rule-9:smtp-denied-elsewhere(v6)
fw 203.0.113.2:25 timeout rule-9:smtp-from-self-denied
dirty 10.1.0.2:22 timeout default-deny
dirty 10.1.0.2:8025 timeout default-deny
dirty 10.2.0.2:80 timeout default-deny
relay 10.2.0.2:22 timeout default-deny
relay 10.1.0.1:8080 timeout default-deny:8080-to-self-from-dirty-only
dirty 203.0.113.1:22 timeout default-deny:ssh-to-self-from-gateway-only
relay 203.0.113.2:80 timeout default-deny:http-from-clean-only
gw 10.1.0.2:8025 timeout default-deny
fw 10.2.0.2:80 timeout default-deny:nothing-from-self
EOF2
	# after the reload without rule 1
	cat >"$T/matrix2" <<'EOF2'
dirty 10.1.0.2:25 timeout rule-1-removed
dirty [fd00:1::2]:25 timeout rule-1-removed(v6)
gw 10.1.0.2:25 open rule-4:still-there
EOF2
	cat >"$T/matrix3" <<'EOF2'
dirty 10.1.0.2:25 open rule-1-back
gw 10.1.0.2:25 open rule-4:still-there
EOF2
	sed '/allow smtp from dirty to relay;/d' examples/fw-netns.mg >"$T/fw-netns-v2.mg"
	cp examples/fw-netns.mg "$T/fw-netns.mg"

	if ! topo_up >"$T/topo.log" 2>&1; then
		bad "netns topology" "$(tail -5 "$T/topo.log")"
	else
		ok "netns topology"
		# nftables
		if mgc "$T/fw-netns.mg" -t nftables >"$T/p1.nft" 2>/dev/null &&
			mgc "$T/fw-netns-v2.mg" -t nftables >"$T/p2.nft" 2>/dev/null &&
			nsx "$NS_FW" nft -f "$T/p1.nft"; then
			ok "nftables: ruleset loaded"
			netns_probe_matrix nftables "$T/matrix"
			if nsx "$NS_FW" nft -f "$T/p2.nft"; then
				netns_probe_matrix "nftables reload" "$T/matrix2"
			else
				bad "nftables: reload"
			fi
			if nsx "$NS_FW" nft -f "$T/p1.nft" && nsx "$NS_FW" nft -f "$T/p1.nft"; then
				netns_probe_matrix "nftables reload twice" "$T/matrix3"
			else
				bad "nftables: reload twice"
			fi
		else
			bad "nftables: ruleset loaded"
		fi
		topo_fw_clear
		# iptables + ip6tables
		if mgc "$T/fw-netns.mg" -t iptables >"$T/p1.v4" 2>/dev/null &&
			mgc "$T/fw-netns.mg" -t ip6tables >"$T/p1.v6" 2>/dev/null &&
			mgc "$T/fw-netns-v2.mg" -t iptables >"$T/p2.v4" 2>/dev/null &&
			mgc "$T/fw-netns-v2.mg" -t ip6tables >"$T/p2.v6" 2>/dev/null &&
			nsx "$NS_FW" iptables-restore "$T/p1.v4" && nsx "$NS_FW" ip6tables-restore "$T/p1.v6"; then
			ok "iptables: rules loaded"
			netns_probe_matrix iptables "$T/matrix"
			if nsx "$NS_FW" iptables-restore "$T/p2.v4" &&
				nsx "$NS_FW" ip6tables-restore "$T/p2.v6"; then
				netns_probe_matrix "iptables reload" "$T/matrix2"
			else
				bad "iptables: reload"
			fi
			if nsx "$NS_FW" iptables-restore "$T/p1.v4" && nsx "$NS_FW" iptables-restore "$T/p1.v4"; then
				netns_probe_matrix "iptables reload twice" "$T/matrix3"
			else
				bad "iptables: reload twice"
			fi
		else
			bad "iptables: rules loaded"
		fi
	fi
	topo_down
	trap 'rm -rf "$T"' EXIT INT TERM
fi
