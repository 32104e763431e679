# The settings a `-t sophos` listing asks for, one per line, so a test
# can compare them with the article's list:
#   mode Interactive | lan ADDRESS FLAGS | rule PROGRAM: PROTO DIR [local P] [remote P] ACTION
#   hidden-launch PATH | raw-sockets PATH | step iisreset | step idriver
/^General/ { tab = "general"; next }
/^LAN tab/ { tab = "lan"; next }
/^Applications tab/ { tab = "apps"; next }
/^Processes tab/ { tab = "procs"; next }
/^Then/ { tab = "then"; next }
/^[^ ]/ { tab = ""; next }
tab == "general" && /Working mode:/ { sub(/.*Working mode: /, ""); print "mode " $0 }
tab == "lan" && /^    [0-9]/ { sub(/^    /, ""); gsub(/    /, " "); print "lan " $0 }
tab == "apps" && /^    [^ ]/ { app = $1 }
tab == "apps" && /First run the installer/ { print "step idriver" }
tab == "apps" && /Where the protocol is/ { r = app ": " $NF }
tab == "apps" && /and the direction is/ { sub(/.*direction is /, ""); r = r " " $0 }
tab == "apps" && /and the local port is/ { sub(/.*local port is /, ""); r = r " local " $0 }
tab == "apps" && /and the remote port is/ { sub(/.*remote port is /, ""); r = r " remote " $0 }
tab == "apps" && /^        (Allow|Block) it$/ { print "rule " r " " $1 }
tab == "procs" && /launch hidden processes/ { kind = "hidden-launch"; next }
tab == "procs" && /use raw sockets/ { kind = "raw-sockets"; next }
tab == "procs" && /^        / { sub(/^ +/, ""); print kind " " $0 }
tab == "then" && /iisreset/ { print "step iisreset" }
