# Differential test of the packet-space engine against the kernel:
# random small policies over the packet-test topology (tests/netns/
# topo.sh, the zones and hosts of examples/fw-netns.mg) are compiled to
# nftables and loaded into the firewall namespace; TCP probes go from
# every namespace (and from the firewall itself) to every host and
# firewall address, IPv4 and IPv6, on several ports; and for every probe
# the kernel's verdict (open, refused, timeout) must equal what
# `mgc query` says for that one packet (allow, reject, deny or the
# default deny).  Policies that do not compile (a random policy may
# shadow a rule, which is an error) are replaced by the next seed.
#
#   MGC_DIFF_POLICIES=N   how many policies (default 6)
#   MGC_DIFF_SEED=S       first seed (default 1)
#
# Skips, with the reason, when this mgc has no nftables target or the
# machine cannot make network namespaces.
. "$ROOT/tests/netns/lib.sh"

diff_gen() {	# SEED > policy.mg
	python3 - "$1" <<'EOF2'
import random
import sys

rng = random.Random(int(sys.argv[1]))
ends = ["dirty", "dmz", "clean", "relay", "gateway", "self", "any",
        "203.0.113.0/24", "203.0.113.2", "10.1.0.0/25", "10.1.0.2", "10.2.0.0/24",
        "2001:db8:ff::2", "fd00:1::/64", "fd00:2::2", "relay, gateway"]
svcs = ["smtp", "ssh", "http", "tcp 8025", "tcp 8080-8081", "tcp 20-30", "tcp 1-65535",
        "smtp, tcp 8081", "tcp 8081"]
print("""import "services";
zone dirty { network 0.0.0.0/0; network ::/0; }
zone dmz   { network 10.1.0.0/24; network fd00:1::/64; }
zone clean { network 10.2.0.0/24; network fd00:2::/64; }
host relay   { zone dmz;   address 10.1.0.2; address fd00:1::2; }
host gateway { zone clean; address 10.2.0.2; address fd00:2::2; }
firewall fw {
  kind packet;
  interface fw-dirty zone dirty;
  interface fw-dmz   zone dmz;
  interface fw-clean zone clean;
}
policy fw {""")
for _ in range(rng.randrange(3, 9)):
    act = rng.choice(["allow", "allow", "allow", "deny", "reject"])
    src, dst = rng.choice(ends), rng.choice(ends)
    if src == "self" and dst == "self":
        dst = "any"
    print("  %s %s from %s to %s;" % (act, rng.choice(svcs), src, dst))
print("}")
EOF2
}

# What the policy says for one probe, as probe.py spells results.
diff_expect() {	# FILE PORT SRC DST
	mgc query "$1" "tcp $2 from $3 to $4" >"$T/dq" 2>"$T/dqerr" || return 1
	case $(cut -d: -f1 "$T/dq") in
	allow) echo open ;;
	reject) echo refused ;;
	deny) echo timeout ;;
	*) return 1 ;;
	esac
}

if ! mgc --list-targets 2>/dev/null | grep -q '^nftables '; then
	skip "differential kernel test" "this mgc has no nftables target yet (mgc --list-targets)"
elif [ "$(id -u)" -ne 0 ]; then
	skip "differential kernel test" "needs root to create network namespaces (uid $(id -u))"
elif ! have ip || ! have python3 || ! have nft || ! unshare -n true 2>/dev/null; then
	skip "differential kernel test" "needs ip, python3, nft and network namespaces"
else
	NS_SUFFIX=d$$
	. "$ROOT/tests/netns/topo.sh"
	trap 'topo_down; rm -rf "$T"' EXIT INT TERM
	if ! topo_up; then
		bad "differential: topology" "could not set up the namespaces"
	else
		# Per source: its namespace, its address per family (for the
		# query), and the targets (firewall addresses are `self`).
		fwaddrs="203.0.113.1 10.1.0.1 10.2.0.1 2001:db8:ff::1 fd00:1::1 fd00:2::1"
		hosts="203.0.113.2 10.1.0.2 10.2.0.2 2001:db8:ff::2 fd00:1::2 fd00:2::2"
		ports="22 25 80 8025 8081"
		seed=${MGC_DIFF_SEED:-1}
		want_n=${MGC_DIFF_POLICIES:-6}
		done_n=0
		tries=0
		while [ "$done_n" -lt "$want_n" ] && [ "$tries" -lt $((want_n * 20)) ]; do
			tries=$((tries + 1))
			seed=$((seed + 1))
			f=$T/diff-$seed.mg
			diff_gen "$seed" >"$f"
			mgc -q "$f" -t nftables --device fw -o "$T/diff.nft" >/dev/null 2>&1 || continue
			done_n=$((done_n + 1))
			topo_fw_clear
			if ! nsx "$NS_FW" nft -f "$T/diff.nft" >"$T/nfterr" 2>&1; then
				bad "differential seed $seed: nft -f" "$(head -3 "$T/nfterr")"
				continue
			fi
			mism=0
			nprobe=0
			for src in dirty relay gw fw; do
				case $src in
				dirty) ns=$NS_DIRTY; a4=203.0.113.2; a6=2001:db8:ff::2 ;;
				relay) ns=$NS_RELAY; a4=10.1.0.2; a6=fd00:1::2 ;;
				gw) ns=$NS_GW; a4=10.2.0.2; a6=fd00:2::2 ;;
				fw) ns=$NS_FW; a4=self; a6=self ;;
				esac
				targets=
				for d in $hosts $fwaddrs; do
					[ "$d" = "$a4" ] || [ "$d" = "$a6" ] && continue
					[ "$src" = fw ] && case " $fwaddrs " in *" $d "*) continue ;; esac
					for p in $ports; do
						case $d in *:*) targets="$targets [$d]:$p" ;; *) targets="$targets $d:$p" ;; esac
					done
				done
				# shellcheck disable=SC2086
				nsx "$ns" python3 "$ROOT/tests/netns/probe.py" 0.5 $targets >"$T/dgot"
				while read -r tgt got; do
					p=${tgt##*:}
					d=${tgt%:*}
					d=${d#[}
					d=${d%]}
					case $d in *:*) s=$a6 ;; *) s=$a4 ;; esac
					case " $fwaddrs " in *" $d "*) qd=self ;; *) qd=$d ;; esac
					nprobe=$((nprobe + 1))
					if ! want=$(diff_expect "$f" "$p" "$s" "$qd"); then
						bad "differential seed $seed: query tcp $p from $s to $qd" \
							"$(head -3 "$T/dqerr")"
						mism=$((mism + 1))
					elif [ "$want" != "$got" ]; then
						bad "differential seed $seed: $src -> $tgt" \
							"kernel $got, mgc query $want ($(cat "$T/dq"))"
						mism=$((mism + 1))
					fi
				done <"$T/dgot"
			done
			if [ "$mism" -eq 0 ]; then
				ok "differential seed $seed ($nprobe probes)"
			else
				cp "$f" "$T/../mgc-diff-fail-$seed.mg" 2>/dev/null
				echo "  (policy kept as ${TMPDIR:-/tmp}/mgc-diff-fail-$seed.mg)"
			fi
		done
		if [ "$done_n" -lt "$want_n" ]; then
			bad "differential" "only $done_n of $want_n random policies compiled in $tries tries"
		fi
	fi
	topo_down
	trap 'rm -rf "$T"' EXIT INT TERM
fi
