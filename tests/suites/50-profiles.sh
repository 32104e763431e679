# Host firewall profiles (issue 6): the PureMessage variants of the
# Sophos article list exactly the article's settings, no more, no fewer
# (tests/profiles/pm-*.expect, written by hand from the article); the
# Windows script creates one rule per setting it can express and quotes
# every value safely.

for want in tests/profiles/pm-*.expect; do
	v=$(basename "$want" .expect)
	src=examples/$v.mg
	if ! mgc "$src" -t sophos >"$T/p.sophos" 2>"$T/p.err"; then
		bad "profiles: $v (sophos)" "exit $?"
		head -5 "$T/p.err"
		continue
	fi
	awk -f tests/profiles/extract.awk "$T/p.sophos" | sort >"$T/p.got"
	sort "$want" >"$T/p.want"
	if diff -u "$T/p.want" "$T/p.got" >"$T/p.diff"; then
		ok "profiles: $v lists exactly the article's settings"
	else
		bad "profiles: $v settings" "differ from $want"
		cat "$T/p.diff"
	fi
	# Each rule is written the article's way: four lines per rule.
	nr=$(grep -c '^rule ' "$want")
	nw=$(grep -c '^        Where the protocol is \(TCP\|UDP\)$' "$T/p.sophos")
	na=$(grep -c '^        \(Allow\|Block\) it$' "$T/p.sophos")
	nd=$(grep -c '^          and the direction is ' "$T/p.sophos")
	if [ "$nr" -eq "$nw" ] && [ "$nr" -eq "$na" ] && [ "$nr" -eq "$nd" ]; then
		ok "profiles: $v has $nr rules in the article's wording"
	else
		bad "profiles: $v rule count" "want $nr, Where $nw, direction $nd, Allow/Block $na"
	fi
	# Windows: one New-NetFirewallRule per application rule and direction,
	# 4 for NetBIOS addresses (UDP/TCP, in/out), 2 for trusted networks.
	if ! mgc "$src" -t windows >"$T/p.ps1" 2>"$T/p.err"; then
		bad "profiles: $v (windows)" "exit $?"
		continue
	fi
	nwant=$(awk '/^rule / { n += / Inbound and Outbound / ? 2 : 1 }
		     /^lan .*NetBIOS/ { nb = 4 } /^lan .*Trusted/ { tr = 2 }
		     END { print n + nb + tr }' "$want")
	ngot=$(grep -c '^New-NetFirewallRule ' "$T/p.ps1")
	if [ "$nwant" -eq "$ngot" ]; then
		ok "profiles: $v has $ngot Windows Firewall rules"
	else
		bad "profiles: $v Windows rules" "want $nwant, got $ngot"
	fi
	if grep -q "hidden-launch" "$want"; then
		if grep -q 'warning: Windows Firewall has no setting to allow programs to launch hidden processes' "$T/p.err" &&
		   grep -q '^#   allow to launch hidden processes: ' "$T/p.ps1"; then
			ok "profiles: $v reports the hidden-launch setting Windows cannot express"
		else
			bad "profiles: $v hidden-launch" "not reported"
		fi
	fi
	if python3 tests/profiles/pscheck.py "$T/p.ps1"; then
		ok "profiles: $v PowerShell quoting"
	else
		bad "profiles: $v PowerShell quoting"
	fi
done

# The notes the article requires and a profile cannot hold.
mgc examples/pm-remote.mg --check >/dev/null 2>"$T/n.err"
for msg in "note: apply profile 'pm-remote' before the installation" \
	   "note: a rule for 'IDriver.exe' can only be added once the program exists" \
	   "note: if IIS is installed on the computer, restart it after applying the rules"; do
	if grep -q "$msg" "$T/n.err"; then ok "profiles: notes: $msg"; else bad "profiles: notes: $msg"; fi
done
if mgc -q examples/pm-remote.mg --check >/dev/null 2>"$T/n.err" && [ ! -s "$T/n.err" ]; then
	ok "profiles: -q drops the notes"
else
	bad "profiles: -q drops the notes"
fi

# PowerShell injection: paths holding quotes, $( ), backticks are emitted
# as inert literals; what cannot be made safe is refused with exit 1.
inj() {
	# inj NAME EXPECTED-PATH MG-PATH-LITERAL
	{
		echo 'zone clean { network 192.168.1.0/24; }'
		echo 'host pc { zone clean; address 192.168.1.2; platform workstation; }'
		echo 'profile p for host pc {'
		printf '  application a %s { allow tcp out local-port 1030; }\n' "$3"
		echo '}'
	} >"$T/inj.mg"
	if mgc "$T/inj.mg" -t windows >"$T/inj.ps1" 2>"$T/inj.err" &&
	   python3 tests/profiles/pscheck.py "$T/inj.ps1" --expect-path "$2"; then
		ok "profiles: injection: $1 emitted as an inert literal"
	else
		bad "profiles: injection: $1"
		head -5 "$T/inj.err"
	fi
}
inj "single quote" "C:\\it's\\a.exe" '"C:\\it'"'"'s\\a.exe"'
inj "typographic quotes" "C:\\apps\\‘x’‚y‛.exe" "'C:\\apps\\‘x’‚y‛.exe'"
inj "subexpression" "C:\\apps\\\$(Stop-Computer)\\a.exe" "'C:\\apps\\\$(Stop-Computer)\\a.exe'"
inj "backtick and variable" "C:\\apps\\\`\$x\`.exe" "'C:\\apps\\\`\$x\`.exe'"
inj "quote then code" "C:\\x'; Stop-Computer; '.exe" '"C:\\x'"'"'; Stop-Computer; '"'"'.exe"'
inj "non-ASCII (needs the BOM)" "C:\\Òscar\\a.exe" "'C:\\Òscar\\a.exe'"

refuse() {
	# refuse NAME MG-PATH-LITERAL MESSAGE
	{
		echo 'zone clean { network 192.168.1.0/24; }'
		echo 'host pc { zone clean; address 192.168.1.2; platform workstation; }'
		echo 'profile p for host pc {'
		printf '  application a %s { allow tcp out local-port 1030; }\n' "$2"
		echo '}'
	} >"$T/ref.mg"
	for t in windows sophos; do
		mgc "$T/ref.mg" -t $t >"$T/ref.out" 2>"$T/ref.err"
		rc=$?
		if [ "$rc" -eq 1 ] && [ ! -s "$T/ref.out" ] && grep -q "$3" "$T/ref.err"; then
			ok "profiles: injection: $1 refused (-t $t)"
		else
			bad "profiles: injection: $1 (-t $t)" "exit $rc"
			head -5 "$T/ref.err"
		fi
	done
}
refuse "newline" '"C:\\a\nStop-Computer.exe"' "contains the control character U+000A"
refuse "right-to-left override" "'C:\\apps\\$(printf '\342\200\256')exe.txt'" "cannot be"
refuse "C1 control (NEL)" "'C:\\apps\\a$(printf '\302\205')b.exe'" "cannot be"
