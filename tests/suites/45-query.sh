# mgc query: the verdict and the deciding rule(s) for a whole class,
# split where the answer differs; errors in the query get carets like
# any other source; exit 0 answered, 1 errors, 2 usage.
q_expect() {	# NAME QUERY (expected stdout on stdin)
	cat >"$T/qwant"
	mgc query examples/spec-deploy.mg "$2" >"$T/qout" 2>"$T/qerr"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		bad "query: $1" "exit $rc: $(head -3 "$T/qerr")"
	elif ! diff -u "$T/qwant" "$T/qout" >"$T/qdiff"; then
		bad "query: $1" "output differs"
		head -20 "$T/qdiff"
	else
		ok "query: $1"
	fi
}

q_expect "whole class, one rule" 'smtp from dirty to mailsweeper' <<'EOF2'
allow: rule 1 (examples/spec-deploy.mg:27) for tcp 25 from zone dirty to 172.16.1.10 (dmz)
EOF2
q_expect "split where the answer differs" 'smtp from gateway to any' <<'EOF2'
allow: rule 3 (examples/spec-deploy.mg:29) for tcp 25 from 192.168.1.5 (clean) to 172.16.1.10 (dmz)
deny: rule 5 (examples/spec-deploy.mg:31) for tcp 25 from 192.168.1.5 (clean) to zone dirty
deny: rule 5 (examples/spec-deploy.mg:31) for tcp 25 from 192.168.1.5 (clean) to 172.16.1.0-172.16.1.9, 172.16.1.11-172.16.1.255 (dmz)
deny: rule 5 (examples/spec-deploy.mg:31) for tcp 25 from 192.168.1.5 (clean) to zone clean
deny: rule 5 (examples/spec-deploy.mg:31) for tcp 25 from 192.168.1.5 (clean) to self
EOF2
q_expect "the default deny" 'tcp 8080 from dirty to mailsweeper' <<'EOF2'
deny: the default deny for tcp 8080 from zone dirty to 172.16.1.10 (dmz)
EOF2
q_expect "one packet, literals, trailing ';'" 'tcp 25, udp 53 from 192.0.2.1 to 172.16.1.10;' <<'EOF2'
allow: rule 1 (examples/spec-deploy.mg:27) for tcp 25 from 192.0.2.1 (dirty) to 172.16.1.10 (dmz)
deny: the default deny for udp 53 from 192.0.2.1 (dirty) to 172.16.1.10 (dmz)
EOF2
q_expect "IPv6 and self" 'smtp from ::/0 to self' <<'EOF2'
deny: rule 5 (examples/spec-deploy.mg:31) for tcp 25 from zone dirty (IPv6) to self (IPv6)
EOF2

# A mistake in the query: exit 1, a caret under the query's own text.
mgc query examples/spec-deploy.mg 'smtp from dirrty to any' >"$T/qout" 2>"$T/qerr"
rc=$?
cat >"$T/qwant" <<'EOF2'
<query>:3:11: error: unknown zone, host or group 'dirrty' (did you mean 'dirty'?) [MGC1101]
    3 | smtp from dirrty to any;
      |           ^~~~~~
EOF2
if [ "$rc" -eq 1 ] && [ ! -s "$T/qout" ] && diff -u "$T/qwant" "$T/qerr" >"$T/qdiff"; then
	ok "query: error in the query"
else
	bad "query: error in the query" "exit $rc"
	head -20 "$T/qdiff"
fi

# The description's own errors stop the query (exit 1).
mgc query tests/errors/4-shadowed.mg 'web from dirty to dmz' >"$T/qout" 2>"$T/qerr"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -s "$T/qout" ] && grep -q 'rule 2 can never match' "$T/qerr"; then
	ok "query: description with errors"
else
	bad "query: description with errors" "exit $rc"
fi

# Usage errors: exit 2.
for args in "examples/spec-deploy.mg" "" "--device nofw examples/spec-deploy.mg smtp-from-any" \
	"--bogus examples/spec-deploy.mg x" "- smtp"; do
	# shellcheck disable=SC2086
	mgc query $args >"$T/qout" 2>"$T/qerr"
	rc=$?
	if [ "$rc" -eq 2 ] && [ ! -s "$T/qout" ] && [ -s "$T/qerr" ]; then
		ok "query: usage '$args'"
	else
		bad "query: usage '$args'" "exit $rc"
	fi
done
if mgc query --help | grep -q '^usage: mgc query'; then
	ok "query: --help"
else
	bad "query: --help"
fi

# Query and the reference semantics agree with the asserts of the spec
# example: both hold, so the queries answer with a single verdict.
if mgc query examples/spec-deploy.mg 'smtp from clean to dirty' | cut -d: -f1 | sort -u |
	grep -qx deny; then
	ok "query: agrees with 'assert fw deny smtp from clean to dirty'"
else
	bad "query: agrees with 'assert fw deny smtp from clean to dirty'"
fi
