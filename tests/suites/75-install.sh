# make install DESTDIR=...: the installed mgc runs, finds its stdlib with
# no environment variable and from any directory, and the man page and
# completion are in place.
D=$T/destdir
if make -s install DESTDIR="$D" PREFIX=/usr O="$O" >"$T/install.log" 2>&1; then
	ok "install: make install DESTDIR"
else
	bad "install: make install DESTDIR"
	tail -5 "$T/install.log"
fi
if [ -x "$D/usr/bin/mgc" ] && [ -f "$D/usr/share/mgc/stdlib/services.mg" ] &&
   [ -f "$D/usr/share/man/man1/mgc.1" ] && [ -f "$D/usr/share/bash-completion/completions/mgc" ]; then
	ok "install: files in place"
else
	bad "install: files in place"
fi
cp examples/spec-deploy.mg "$T/deploy.mg"
if (cd / && env -u MGC_PATH "$D/usr/bin/mgc" "$T/deploy.mg" -t json >"$T/inst.json" 2>"$T/inst.err"); then
	ok "install: the installed mgc finds its stdlib"
else
	bad "install: the installed mgc finds its stdlib"
	head -3 "$T/inst.err"
fi
if "$D/usr/bin/mgc" --version | grep -q "stdlib: $D/usr/bin/../share/mgc/stdlib"; then
	ok "install: --version names the installed stdlib"
else
	bad "install: --version" "$("$D/usr/bin/mgc" --version | tail -1)"
fi
if man -l "$D/usr/share/man/man1/mgc.1" >/dev/null 2>&1 || ! command -v man >/dev/null; then
	ok "install: the man page renders"
else
	bad "install: the man page renders"
fi
if bash -n "$D/usr/share/bash-completion/completions/mgc"; then ok "install: completion parses"; else bad "install: completion parses"; fi
# The man page lists every target this mgc has.
for tgt in $(mgc --list-targets | cut -d' ' -f1); do
	if sed 's/\\-/-/g' doc/mgc.1 | grep -q -- "fB$tgt\\\\fR"; then ok "man page lists target $tgt"; else bad "man page lists target $tgt"; fi
done
