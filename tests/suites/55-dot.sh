# Graphviz diagrams (issue 7, item 4): `-t dot`.
#
#  1. every example (examples/*.mg, so new ones are covered without a
#     golden) compiles to DOT that `dot` lays out and renders with exit
#     0 and nothing on stderr (no "Warning"); every golden .dot passes
#     `dot -Tcanon` the same way (20-golden compares the bytes);
#  2. quoting: a phone-book entry and a file name made of DOT's
#     metacharacters (\N \G \E \ " < & } -> //) come out as the literal
#     text in the SVG, a newline is a line break and nothing else, and
#     a string DOT cannot show (a tab) is refused with exit 1 and no
#     output;
#  3. doc/spec-deploy.svg is what doc/render.sh makes now.

dot_clean() {	# dot_clean FORMAT FILE: exit 0 and a silent stderr
	dot -T"$1" "$2" >"$T/dot.out" 2>"$T/dot.err" && [ ! -s "$T/dot.err" ]
}

if ! have dot; then
	skip "dot: graphviz" "dot is not installed"
else
	for src in examples/*.mg; do
		n=$(basename "$src" .mg)
		mgc "$src" -t dot >"$T/ex.dot" 2>"$T/ex.err"
		rc=$?
		if [ "$rc" -ne 0 ]; then
			bad "dot: $n compiles" "exit $rc: $(head -3 "$T/ex.err")"
			continue
		fi
		if dot_clean canon "$T/ex.dot" && dot_clean svg "$T/ex.dot"; then
			ok "dot: $n is valid DOT and renders without warnings"
		else
			bad "dot: $n renders" "$(head -3 "$T/dot.err")"
		fi
	done
	for g in tests/golden/*.dot; do
		[ -f "$g" ] || continue
		if dot_clean canon "$g"; then
			ok "dot: $g passes dot -Tcanon"
		else
			bad "dot: $g passes dot -Tcanon" "$(head -3 "$T/dot.err")"
		fi
	done

	# Injection: the label text must survive as the literal string.
	mkdir -p "$T/inj"
	evil='x\N \G \E \L \ " <b>&amp; &lt; } -> y [color=red] // #'
	inj_src() {	# inj_src PHONEBOOK-LITERAL
		cat <<-EOM
		domain example.com;
		zone dirty { network 0.0.0.0/0; }
		zone clean { network 192.168.1.0/24; }
		host gateway { zone clean; address 192.168.1.5; }
		host relay { zone clean; address 192.168.1.10; }
		firewall fw { kind packet; interface eth0 zone dirty; interface eth1 zone clean; }
		relay relay {
		  route example.com -> gateway;
		  route *.* -> dns;
		  dialup { phonebook $1; smarthost mail.isp.example; }
		}
		EOM
	}
	# svg_has FILE TEXT: TEXT is one of the SVG's <text> lines, unescaped
	svg_has() {
		python3 - "$1" "$2" <<-'EOP'
		import html, re, sys
		texts = [html.unescape(t) for t in re.findall(r'<text[^>]*>(.*?)</text>', open(sys.argv[1]).read())]
		sys.exit(0 if sys.argv[2] in texts else 1)
		EOP
	}
	inj_src "'$evil'" >"$T/inj/raw.mg"
	if mgc "$T/inj/raw.mg" -t dot >"$T/inj/raw.dot" 2>"$T/inj/err" &&
	   dot_clean svg "$T/inj/raw.dot" && cp "$T/dot.out" "$T/inj/raw.svg" &&
	   svg_has "$T/inj/raw.svg" "dial-up: $evil"; then
		ok "dot: DOT metacharacters in a label are shown literally"
	else
		bad "dot: DOT metacharacters in a label are shown literally" "$(head -3 "$T/inj/err" "$T/dot.err")"
	fi
	# -Tcanon reads it back with the generated node names only: the
	# text did not end the string and declare nodes or edges of its own
	if dot_clean canon "$T/inj/raw.dot" &&
	   [ "$(grep -c 'dial-up: x' "$T/dot.out")" -eq 1 ] &&
	   ! sed -n 's/^[[:space:]]*\([^[:space:]]*\)[[:space:]].*/\1/p' "$T/dot.out" |
	     grep -Evq '^(digraph|graph|node|edge|subgraph|label=.*|style=.*|fillcolor=.*|[zhfx]_[0-9]+|mx|cluster_z_[0-9]+|}|->|{|)$'; then
		ok "dot: the label round-trips through dot -Tcanon"
	else
		bad "dot: the label round-trips through dot -Tcanon"
	fi
	# A newline (written as \n) is a line break inside the label, no more.
	inj_src '"one\n} -> evil [label=\"x\"]; two"' >"$T/inj/nl.mg"
	if mgc "$T/inj/nl.mg" -t dot >"$T/inj/nl.dot" 2>"$T/inj/err" &&
	   dot_clean svg "$T/inj/nl.dot" && cp "$T/dot.out" "$T/inj/nl.svg" &&
	   svg_has "$T/inj/nl.svg" "dial-up: one" &&
	   svg_has "$T/inj/nl.svg" '} -> evil [label="x"]; two' &&
	   ! grep -q '<title>evil</title>' "$T/inj/nl.svg"; then
		ok "dot: a newline in a label is a line break, not a statement"
	else
		bad "dot: a newline in a label is a line break, not a statement"
	fi
	# A tab cannot be shown: refused at its span, nothing written.
	inj_src '"a\tb"' >"$T/inj/tab.mg"
	mgc "$T/inj/tab.mg" -t dot >"$T/inj/tab.dot" 2>"$T/inj/err"
	rc=$?
	if [ "$rc" -eq 1 ] && [ ! -s "$T/inj/tab.dot" ] &&
	   grep -q 'error: the phone-book entry cannot be shown in the dot output' "$T/inj/err"; then
		ok "dot: an unrepresentable label is refused with exit 1"
	else
		bad "dot: an unrepresentable label is refused with exit 1" "exit $rc: $(head -2 "$T/inj/err")"
	fi
	# The file name is shown too (graph label): same quoting.
	fname='f\N"} -> x.mg'
	cp "$T/inj/raw.mg" "$T/inj/$fname"
	if (cd "$T/inj" && mgc "$fname" -t dot) >"$T/inj/fn.dot" 2>"$T/inj/err" &&
	   dot_clean svg "$T/inj/fn.dot" && cp "$T/dot.out" "$T/inj/fn.svg" &&
	   svg_has "$T/inj/fn.svg" "$fname"; then
		ok "dot: a file name with DOT metacharacters is shown literally"
	else
		bad "dot: a file name with DOT metacharacters is shown literally" "$(head -3 "$T/inj/err" "$T/dot.err")"
	fi

	# The README's picture is what doc/render.sh draws today.
	mkdir -p "$T/doc"
	if ! MGC=$MGC sh doc/render.sh "$T/doc" 2>"$T/doc/err"; then
		bad "dot: doc/render.sh" "$(head -3 "$T/doc/err")"
	elif cmp -s "$T/doc/spec-deploy.svg" doc/spec-deploy.svg; then
		ok "dot: doc/spec-deploy.svg is up to date"
	elif [ "$(sed -n 4p "$T/doc/spec-deploy.svg")" != "$(sed -n 4p doc/spec-deploy.svg)" ]; then
		skip "dot: doc/spec-deploy.svg is up to date" \
		     "it was made by another Graphviz ($(sed -n 4p doc/spec-deploy.svg | cut -c6-))"
	else
		bad "dot: doc/spec-deploy.svg is stale" "run: MGC=$MGC sh doc/render.sh"
	fi
fi
