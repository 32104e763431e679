# Documentation as tests: every mgc block in SPEC.md and README.md
# compiles.  A block that names things declared elsewhere (SPEC's
# profile example) is compiled after tests/docs/prelude.mg.
mkdir -p "$T/docs"
for doc in "$SHARED/SPEC.md" README.md; do
	if [ ! -f "$doc" ]; then
		bad "docs $doc" "missing"
		continue
	fi
	stem=$(basename "$doc" .md)
	blocks=$(python3 tests/docs/extract.py "$doc" "$T/docs" "$stem")
	if [ -z "$blocks" ]; then
		bad "docs $doc" "no mgc code blocks found"
		continue
	fi
	for b in $blocks; do
		if mgc "$b" >"$T/docs.out" 2>&1; then
			ok "docs $stem $(basename "$b")"
			continue
		fi
		cat tests/docs/prelude.mg "$b" >"$b.with-prelude.mg"
		if mgc "$b.with-prelude.mg" >"$T/docs.out2" 2>&1; then
			ok "docs $stem $(basename "$b") (with prelude)"
		else
			bad "docs $stem $(basename "$b")"
			cat "$T/docs.out"
		fi
	done
done
