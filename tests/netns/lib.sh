# Helpers for the network-firewall tests (sourced by tests/suites/3*.sh).

# Can we run nft/iptables in a throw-away network namespace?
netfw_usable() {
	[ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null
}

# inject_mg FILE COMMENT: a small policy whose rule comment is COMMENT
# (written into a .mg string literal, so COMMENT must already be escaped
# for mgc: \" and \\ and \n).
inject_mg() {
	cat >"$1" <<EOF2
import "services";
zone dirty { network 0.0.0.0/0; network ::/0; }
zone dmz { network 10.1.0.0/24; network fd00:1::/64; }
host relay { zone dmz; address 10.1.0.2; address fd00:1::2; }
firewall fw { kind packet; interface eth0 zone dirty; interface eth1 zone dmz; }
policy fw {
  allow smtp from dirty to relay comment "$2";
}
EOF2
}

# The injection payloads, one per line, escaped for a .mg string.
INJECTIONS='a\"; flush ruleset; \"
back\\slash
semi; colon; accept
$(reboot) `id`
} table inet evil { chain x { type filter hook input priority -500; policy drop; }
# not a comment
line\nbreak
tab\there
-j ACCEPT -A INPUT
naïve café ✓'
