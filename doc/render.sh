#!/bin/sh
# Render the README's picture: examples/spec-deploy.mg -> doc/spec-deploy.svg,
# through `mgc -t dot` and Graphviz `dot -Tsvg`.  Run from anywhere:
#
#   sh doc/render.sh                 uses $MGC, else build/mgc
#   MGC=build-x/mgc sh doc/render.sh [OUTDIR]
#
# OUTDIR defaults to doc/; tests/suites/55-dot.sh renders into a scratch
# directory and compares, so the committed SVG cannot go stale.  The SVG
# depends on the Graphviz version (named in its first comment lines).
set -eu
cd "$(dirname "$0")/.."
MGC=${MGC:-build/mgc}
out=${1:-doc}

for name in spec-deploy; do
	"$MGC" "examples/$name.mg" -t dot >"$out/.$name.dot.tmp"
	dot -Tsvg "$out/.$name.dot.tmp" >"$out/.$name.svg.tmp"
	rm -f "$out/.$name.dot.tmp"
	mv "$out/.$name.svg.tmp" "$out/$name.svg"
done
