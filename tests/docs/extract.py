#!/usr/bin/env python3
"""Extract the mgc code blocks of a Markdown file into DIR/NAME-N.mg.

A block counts as mgc code when it is fenced with ```mg, or fenced
without a language and holds a ';'-terminated mgc declaration (SPEC.md
writes its examples that way).  Prints the files written.
"""
import re
import sys

src, outdir, stem = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(src, encoding="utf-8").read()
n = 0
for m in re.finditer(r"^```([A-Za-z]*)\n(.*?)^```", text, re.S | re.M):
    lang, body = m.group(1), m.group(2)
    if lang not in ("", "mg"):
        continue
    if lang == "" and not re.search(r"^\s*(import|zone|profile|policy|host)\b.*[;{]", body, re.M):
        continue
    n += 1
    path = "%s/%s-%d.mg" % (outdir, stem, n)
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)
    print(path)
