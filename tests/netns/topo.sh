# The packet-test topology (sourced).  Four network namespaces joined by
# veth pairs, the firewall in the middle, named after examples/fw-netns.mg:
#
#   dirty  203.0.113.2 2001:db8:ff::2  --- fw-dirty 203.0.113.1 2001:db8:ff::1
#   relay  10.1.0.2    fd00:1::2       --- fw-dmz   10.1.0.1    fd00:1::1
#   gw     10.2.0.2    fd00:2::2       --- fw-clean 10.2.0.1    fd00:2::1
#
# Namespace names carry the shell's PID so parallel runs do not collide.
# topo_up creates everything and starts a listener in each namespace;
# topo_down removes it all (call it from a trap).

NS_SUFFIX=${NS_SUFFIX:-$$}
NS_DIRTY=mgc-dirty-$NS_SUFFIX
NS_RELAY=mgc-relay-$NS_SUFFIX
NS_GW=mgc-gw-$NS_SUFFIX
NS_FW=mgc-fw-$NS_SUFFIX
LISTEN_PORTS="22 25 80 8025 8080 8081"
TOPO_PIDS=

nsx() {
	ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# link NS HOSTIF FWIF V4HOST V4FW V6HOST V6FW
topo_link() {
	ip link add "$3" netns "$NS_FW" type veth peer name eth0 netns "$1" || return 1
	nsx "$1" ip link set lo up
	nsx "$1" ip link set eth0 up
	nsx "$NS_FW" ip link set "$3" up
	nsx "$1" ip addr add "$4/24" dev eth0
	nsx "$NS_FW" ip addr add "$5/24" dev "$3"
	nsx "$1" ip -6 addr add "$6/64" dev eth0 nodad
	nsx "$NS_FW" ip -6 addr add "$7/64" dev "$3" nodad
	nsx "$1" ip route add default via "$5"
	nsx "$1" ip -6 route add default via "$7"
}

topo_up() {
	for ns in "$NS_DIRTY" "$NS_RELAY" "$NS_GW" "$NS_FW"; do
		ip netns add "$ns" || return 1
	done
	nsx "$NS_FW" ip link set lo up
	nsx "$NS_FW" sysctl -qw net.ipv4.ip_forward=1
	nsx "$NS_FW" sysctl -qw net.ipv6.conf.all.forwarding=1
	topo_link "$NS_DIRTY" eth0 fw-dirty 203.0.113.2 203.0.113.1 2001:db8:ff::2 2001:db8:ff::1 &&
	topo_link "$NS_RELAY" eth0 fw-dmz 10.1.0.2 10.1.0.1 fd00:1::2 fd00:1::1 &&
	topo_link "$NS_GW" eth0 fw-clean 10.2.0.2 10.2.0.1 fd00:2::2 fd00:2::1 || return 1
	for ns in "$NS_DIRTY" "$NS_RELAY" "$NS_GW" "$NS_FW"; do
		# a simple command, not the nsx function: $! must be the listener
		# itself (ip netns exec execs it), not a subshell around it
		# shellcheck disable=SC2086
		ip netns exec "$ns" python3 "$ROOT/tests/netns/listen.py" $LISTEN_PORTS \
			>"$T/listen-$ns" 2>&1 &
		TOPO_PIDS="$TOPO_PIDS $!"
	done
	for ns in "$NS_DIRTY" "$NS_RELAY" "$NS_GW" "$NS_FW"; do
		n=0
		until grep -q ready "$T/listen-$ns" 2>/dev/null; do
			n=$((n + 1))
			[ "$n" -gt 50 ] && return 1
			sleep 0.1
		done
	done
	return 0
}

topo_down() {
	for p in $TOPO_PIDS; do
		kill "$p" 2>/dev/null
	done
	TOPO_PIDS=
	for ns in "$NS_DIRTY" "$NS_RELAY" "$NS_GW" "$NS_FW"; do
		# anything still running inside our own namespaces, by id
		for p in $(ip netns pids "$ns" 2>/dev/null); do
			kill "$p" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null
	done
	return 0
}

# Clear every firewall table in the firewall namespace (nft and iptables).
topo_fw_clear() {
	nsx "$NS_FW" nft flush ruleset
}
