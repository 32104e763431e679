#!/usr/bin/env python3
# Structural check of a `-t windows` script, without PowerShell: a UTF-8
# BOM first; every single-quoted literal closed on its line (PowerShell
# treats ' and the typographic U+2018..U+201B alike, a doubled one is a
# literal quote); outside literals only the script's own variables, no
# double quotes, no backtick but the line continuation, no '#' after code.
# With --expect-path P, some -Program literal must decode to P exactly.
# Exit 0 when fine; otherwise print what is wrong and exit 1.
import re
import sys

QUOTES = "'\u2018\u2019\u201a\u201b"
VARS = ("$group", "$ErrorActionPreference", "$true")


def literals(line, problems, n):
    """The decoded literals of one line; code outside them is checked."""
    out, i, code = [], 0, []
    while i < len(line):
        c = line[i]
        if c in QUOTES:
            j, buf = i + 1, []
            while True:
                if j >= len(line):
                    problems.append("line %d: unterminated literal" % n)
                    return out, "".join(code)
                if line[j] in QUOTES:
                    if j + 1 < len(line) and line[j + 1] in QUOTES:
                        buf.append(line[j])
                        j += 2
                        continue
                    break
                buf.append(line[j])
                j += 1
            out.append("".join(buf))
            code.append("''")
            i = j + 1
            continue
        code.append(c)
        i += 1
    return out, "".join(code)


def main():
    path = sys.argv[1]
    expect = None
    if len(sys.argv) > 3 and sys.argv[2] == "--expect-path":
        expect = sys.argv[3]
    data = open(path, "rb").read()
    problems = []
    if not data.startswith(b"\xef\xbb\xbf"):
        problems.append("no UTF-8 byte order mark")
    text = data[3:].decode("utf-8")
    programs, names = [], []
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("#") or not line.strip():
            continue
        lits, code = literals(line, problems, n)
        for m in re.finditer(r"\$[A-Za-z_]\w*", code):
            if m.group(0) not in VARS:
                problems.append("line %d: variable %s outside a literal" % (n, m.group(0)))
        if "$(" in code or "${" in code:
            problems.append("line %d: expansion outside a literal" % n)
        if '"' in code or "#" in code:
            problems.append("line %d: double quote or '#' outside a literal" % n)
        if "`" in code.rstrip("`") or (code.count("`") > 1):
            problems.append("line %d: backtick other than the line continuation" % n)
        for m in re.finditer(r"-(Program|Name) ''", code):
            pass
        toks = re.findall(r"-(Program|Name) ''", code)
        k = 0
        for t in re.finditer(r"''", code):
            pre = code[:t.start()]
            if pre.endswith("-Program "):
                programs.append(lits[k])
            if pre.endswith("-Name "):
                names.append(lits[k])
            k += 1
        del toks
    if len(set(names)) != len(names):
        problems.append("duplicate -Name values")
    if expect is not None and expect not in programs:
        problems.append("no -Program literal decodes to %r (have %r)" % (expect, programs))
    for p in problems:
        print("pscheck: %s: %s" % (path, p))
    return 1 if problems else 0


sys.exit(main())
