# Hostile input: each case ends within its time bound with the expected
# exit status and, for errors, a diagnostic; never a crash, a hang or a
# sanitizer report.  Bounds: 120 s each (plain build: the 10^6-declaration
# case takes about 9 s and 0.8 GB, everything else well under a second);
# the two largest cases are left out under valgrind.
H=$T/hostile
mkdir -p "$H"
big=1
if [ -n "$VG" ]; then big=; fi

hostile() {	# NAME WANT-EXIT GREP-PATTERN FILE [ARGS...]
	name=$1 want=$2 pat=$3 file=$4
	shift 4
	timeout 120 $VG "$MGC" "$file" "$@" >"$H/out" 2>"$H/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "hostile: $name" "exit $rc, want $want"
		tail -3 "$H/err"
	elif [ -n "$pat" ] && ! grep -q -- "$pat" "$H/err"; then
		bad "hostile: $name" "no diagnostic matching '$pat'"
		tail -3 "$H/err"
	else
		ok "hostile: $name"
	fi
}

: >"$H/empty.mg"
hostile "empty file" 0 "" "$H/empty.mg"
hostile "empty file to json" 0 "" "$H/empty.mg" -t json

head -c 300000 /dev/urandom >"$H/garbage.mg"
hostile "binary garbage" 1 "error:" "$H/garbage.mg"

printf 'zone a { network 10.0.0.0/8; }\n\000\000zone b { network 11.0.0.0/8; }\n' >"$H/nul.mg"
hostile "NUL bytes" 1 "NUL byte in input" "$H/nul.mg"

printf 'zone a { network 10.0.0.0/8; }\nzone \377\376 { network 11.0.0.0/8; }\n' >"$H/utf8-name.mg"
hostile "invalid UTF-8 outside strings" 1 "non-ASCII characters outside a string" "$H/utf8-name.mg"
printf 'firewall f { interface e zone a; }\nzone a { network 10.0.0.0/8; }\npolicy f { allow tcp 25 from a to a comment "\300\200"; }\n' >"$H/utf8-string.mg"
hostile "invalid UTF-8 in a string" 1 "invalid UTF-8 in string" "$H/utf8-string.mg"

printf 'zone a { network 10.0.0.0/8; }\npolicy f { allow tcp 25 from a to a comment "never closed; }\n' >"$H/unterminated.mg"
hostile "unterminated string" 1 "unterminated string" "$H/unterminated.mg"
printf "profile p for host h { application a 'C:\\\\x.exe { } }\n" >"$H/unterminated-raw.mg"
hostile "unterminated raw string" 1 "unterminated raw string" "$H/unterminated-raw.mg"
printf 'zone a { network 10.0.0.0/8; }\n# a comment without a newline at the end of the file' >"$H/comment-eof.mg"
hostile "comment running into end of file" 0 "" "$H/comment-eof.mg"
printf 'zone a { network 10.0.0.0/8;\n' >"$H/open-block.mg"
hostile "block open at end of file" 1 "unexpected end of file" "$H/open-block.mg"

python3 -c 'print("domain " + ", ".join("d%d.example.com" % i for i in range(60000)) + ";")' >"$H/long-line.mg"
hostile "a 1 MB line" 0 "" "$H/long-line.mg"
python3 -c 'print("zone a { network 10.0.0.0/8; }  # " + "x" * 1000000 + "\nhost h { zone b; address 10.0.0.1; }")' >"$H/long-line-error.mg"
hostile "an error on a line after a 1 MB comment" 1 "unknown zone 'b'" "$H/long-line-error.mg"

python3 -c '
n = 20000
print("template t(p) {")
print("if p { " * n + "zone z { network 10.0.0.0/8; }" + " }" * n)
print("}\nuse t(true);")' >"$H/deep.mg"
hostile "20000 nested ifs" 1 "nested too deeply" "$H/deep.mg"

python3 -c '
for i in range(200):
    print("template t%d(x) { use t%d(x); use t%d(x); }" % (i, i + 1, i + 1))
print("template t200(x) { zone z { network 10.0.0.0/8; } }")
print("use t0(1);")' >"$H/exponential.mg"
hostile "exponential template expansion" 1 "templates nested more than 32 deep" "$H/exponential.mg"
if [ "$(grep -c "error:" "$H/err")" -eq 1 ]; then ok "hostile: exponential expansion gives one error"; else bad "hostile: exponential expansion gives one error" "$(grep -c "error:" "$H/err") errors"; fi

mkdir -p "$H/cyc"
printf 'import "./b";\n' >"$H/cyc/a.mg"
printf 'import "./c";\n' >"$H/cyc/b.mg"
printf 'import "./a";\n' >"$H/cyc/c.mg"
hostile "import cycle of three" 1 "import cycle" "$H/cyc/a.mg"
printf 'import "/dev/zero";\n' >"$H/devzero.mg"
hostile "import of a device" 1 "cannot" "$H/devzero.mg"

if [ -n "$big" ]; then
	python3 -c '
import sys
w = sys.stdout.write
w("zone z { network 10.0.0.0/8; }\n")
for i in range(1000000):
    w("host h%d { zone z; address 10.%d.%d.%d; }\n" % (i, i >> 16 & 255, i >> 8 & 255, i & 255))' >"$H/million.mg"
	hostile "10^6 declarations" 0 "" "$H/million.mg"
	rm -f "$H/million.mg"
	python3 -c '
import sys
line = "# " + "x" * 98 + "\n"
sys.stdout.write("zone z { network 10.0.0.0/8; }\n" + line * 1000000)' >"$H/100mb.mg"
	hostile "a 100 MB file" 0 "" "$H/100mb.mg"
	rm -f "$H/100mb.mg"
	head -c 300000000 /dev/zero >"$H/huge.mg" 2>/dev/null
	hostile "a 300 MB file (over the 256 MiB limit)" 2 "file too large" "$H/huge.mg"
	rm -f "$H/huge.mg"
fi
