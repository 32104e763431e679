# Mail routing (issue 5): the MAILsweeper placements of the deployment
# guide (../shared/seeds/003_...) compiled from examples/ms-*.mg.
#
#  1. the mailsweeper route table says what the guide says: the own
#     domain's next hop, the catch-all's next hop (the firewall for
#     proxy placements inside it, DNS otherwise), *.* last, the
#     gateway placement's moved port, the dial-up settings;
#  2. every postfix golden passes postmap (regexp: parsed by a lookup,
#     hash: built with postmap -c), and the hash format builds too;
#  3. the postfix maps answer like the ordered table for a set of probe
#     domains per example (tests/mail/lookup.py computes the answer from
#     the -t json model), in both formats, and a map in the wrong order
#     is caught (the check has teeth);
#  4. quoting: a phone-book entry with a newline is refused, not
#     written.

# Row N of a mailsweeper table: "No. Domain Next-hop... Port".
ms_row() {
	awk -v n="$2" '$1 == n { print; exit }' "$1"
}
ms_last_row() {
	awk '$1 ~ /^[0-9]+$/ { last = $0 } END { print last }' "$1"
}

# example | own domain's row must match | catch-all row must match
while IFS='|' read -r ex own catchall; do
	[ -n "$ex" ] || continue
	src=examples/$ex.mg
	if ! mgc "$src" -t mailsweeper >"$T/ms" 2>"$T/mserr"; then
		bad "$ex: mailsweeper" "$(head -3 "$T/mserr")"
		continue
	fi
	row=$(grep -E '^[0-9]+ +example\.com ' "$T/ms")
	if printf '%s\n' "$row" | grep -Eq "$own"; then
		ok "$ex: own domain routed as the guide says"
	else
		bad "$ex: own domain routed as the guide says" "got '$row', want /$own/"
	fi
	last=$(ms_last_row "$T/ms")
	if printf '%s\n' "$last" | grep -Eq "^[0-9]+ +\*\.\* +$catchall"; then
		ok "$ex: *.* is the last route, to the guide's next hop"
	else
		bad "$ex: *.* is the last route, to the guide's next hop" "got '$last', want /$catchall/"
	fi
done <<'EOF'
ms-dirty-packet|gateway \(192\.168\.1\.5\) +25$|DNS
ms-dirty-proxy|fw \(firewall, 203\.0\.113\.1\) +25$|DNS
ms-clean-packet|gateway \(192\.168\.1\.5\) +25$|DNS
ms-clean-proxy|gateway \(192\.168\.1\.5\) +25$|fw \(firewall
ms-firewall-packet|gateway \(192\.168\.1\.5\) +25$|DNS
ms-firewall-proxy|gateway \(192\.168\.1\.5\) +25$|DNS
ms-gateway|localhost \(127\.0\.0\.1\) +20025$|DNS
ms-gateway-proxy|localhost \(127\.0\.0\.1\) +20025$|fw \(firewall
ms-dmz-packet|gateway \(192\.168\.1\.5\) +25$|DNS
ms-dmz-proxy|gateway \(192\.168\.1\.5\) +25$|fw \(firewall
ms-mimesweeper-fw1|gateway \(192\.168\.1\.5\) +25$|DNS
ms-dialup|gateway \(192\.168\.1\.5\) +25$|mail\.isp\.example
EOF

# The DMZ example puts its own routes before the template's: order kept.
mgc examples/ms-dmz-packet.mg -t mailsweeper >"$T/ms" 2>/dev/null
order=$(awk '$1 ~ /^[0-9]+$/ { printf "%s ", $2 }' "$T/ms")
if [ "$order" = "partner.example *.example.com example.com *.* " ]; then
	ok "ms-dmz-packet: route order is source order"
else
	bad "ms-dmz-packet: route order is source order" "got '$order'"
fi

# The gateway placement tells the operator about the moved port.
mgc examples/ms-gateway.mg -t mailsweeper >"$T/ms" 2>/dev/null
if grep -q 'listen on port 20025' "$T/ms"; then
	ok "ms-gateway: moved port explained"
else
	bad "ms-gateway: moved port explained"
fi

# Dial-up settings.
mgc examples/ms-dialup.mg -t mailsweeper >"$T/ms" 2>/dev/null
if grep -q '^  Phone-book entry   Example ISP$' "$T/ms" &&
   grep -q '^  Dial every         30 minutes$' "$T/ms" &&
   grep -q '^  ISP mail server    mail\.isp\.example$' "$T/ms"; then
	ok "ms-dialup: dial-up settings"
else
	bad "ms-dialup: dial-up settings"
fi

# A phone-book entry that would forge a line is refused.
cat >"$T/inject.mg" <<'EOF'
zone clean { network 192.168.1.0/24; }
host mailsweeper { zone clean; address 192.168.1.10; }
relay mailsweeper {
	route *.* -> dns;
	dialup { phonebook "ISP\n1    evil.example  attacker  25"; }
}
EOF
mgc "$T/inject.mg" -t mailsweeper >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$T/out" ] && grep -q 'MGC1801' "$T/err"; then
	ok "mailsweeper: phone-book entry cannot inject a route"
else
	bad "mailsweeper: phone-book entry cannot inject a route" "exit $rc"
fi

# Postfix: postmap accepts every golden and both formats answer like
# the ordered table.
if have postmap && have python3; then
	mkdir -p "$T/pfconf"
	: >"$T/pfconf/main.cf"
	for g in tests/golden/*.postfix; do
		[ -f "$g" ] || continue
		# a lookup parses every line; any warning is a failure
		postmap -c "$T/pfconf" -q user@example.com "regexp:$PWD/$g" >/dev/null 2>"$T/pmerr"
		if [ ! -s "$T/pmerr" ]; then
			ok "$g: postmap reads it"
		else
			bad "$g: postmap reads it" "$(head -3 "$T/pmerr")"
		fi
	done
	for src in examples/ms-*.mg; do
		ex=$(basename "$src" .mg)
		mgc "$src" -t json >"$T/model.json" 2>/dev/null
		mgc "$src" -t postfix >"$T/map" 2>/dev/null
		if python3 tests/mail/lookup.py "$T/model.json" "$T/map" regexp "$T/pfconf" >"$T/lk" 2>&1; then
			ok "$ex: regexp map answers like the route table ($(tail -1 "$T/lk"))"
		else
			bad "$ex: regexp map answers like the route table" "$(head -5 "$T/lk")"
		fi
		if ! mgc "$src" -t postfix --format hash >"$T/hmap" 2>"$T/herr"; then
			bad "$ex: hash map" "$(head -3 "$T/herr")"
			continue
		fi
		rm -f "$T/hmap.db"
		if postmap -c "$T/pfconf" "hash:$T/hmap" 2>"$T/pmerr" && [ ! -s "$T/pmerr" ]; then
			ok "$ex: postmap builds the hash map"
		else
			bad "$ex: postmap builds the hash map" "$(head -3 "$T/pmerr")"
			continue
		fi
		if python3 tests/mail/lookup.py "$T/model.json" "$T/hmap" hash "$T/pfconf" >"$T/lk" 2>&1; then
			ok "$ex: hash map answers like the route table ($(tail -1 "$T/lk"))"
		else
			bad "$ex: hash map answers like the route table" "$(head -5 "$T/lk")"
		fi
	done
	# The lookup check has teeth: the same entries in reverse order
	# (catch-all first) must be caught.
	mgc examples/ms-dmz-packet.mg -t json >"$T/model.json" 2>/dev/null
	mgc examples/ms-dmz-packet.mg -t postfix 2>/dev/null | grep -v '^#' | sed '1!G;h;$!d' >"$T/rev"
	if python3 tests/mail/lookup.py "$T/model.json" "$T/rev" regexp "$T/pfconf" >/dev/null 2>&1; then
		bad "lookup.py: catches a map in the wrong order"
	else
		ok "lookup.py: catches a map in the wrong order"
	fi
else
	skip "postfix maps" "postmap or python3 missing"
fi

# A --format the postfix target does not have.
mgc examples/ms-dmz-packet.mg -t postfix --format cdb >/dev/null 2>&1
rc=$?
if [ $rc -ne 0 ]; then ok "postfix: unknown format refused"; else bad "postfix: unknown format refused"; fi
