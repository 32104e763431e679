#!/usr/bin/env python3
"""Prove that a Postfix transport map emitted by mgc answers like the
ordered MAILsweeper route table it came from.

    lookup.py MODEL.json MAP regexp|hash CONFIG_DIR [RELAY]

MODEL.json is `mgc FILE -t json`; MAP is `mgc FILE -t postfix [--format
hash]` (for hash, MAP.db must have been built with postmap).  For a set
of probe domains per route (the domain itself, subdomains at two
depths, its parent, an upper-case spelling, and domains no route names)
the expected answer is computed here from the JSON route table, first
match wins, and compared with what real Postfix lookups return:

  regexp  postmap -q user@DOMAIN regexp:MAP (trivial-rewrite consults
          regexp tables with the full address only);
  hash    trivial-rewrite's search order for indexed tables, each key
          asked of postmap: DOMAIN, then .PARENT for each parent domain,
          then * (postmap -q does not do that search itself).

Prints one line per mismatch and a summary; exit 1 on any mismatch.
"""
import ipaddress
import json
import subprocess
import sys


def matches(pattern, domain):
    if pattern in ("*.*", "*"):
        return True
    if pattern.startswith("*."):
        return domain.endswith("." + pattern[2:])
    return domain == pattern


def bracket(addr):
    ip = ipaddress.ip_address(addr)
    return "[ipv6:%s]" % addr if ip.version == 6 else "[%s]" % addr


def expected(model, relay, domain):
    hosts = {h["name"]: h for h in model["hosts"]}
    fws = {f["name"]: f for f in model["firewalls"]}
    zones = {z["name"]: z for z in model["zones"]}
    for rt in relay["routes"]:
        if not matches(rt["pattern"], domain.lower()):
            continue
        hop = rt["hop"]
        if hop == "dns":
            return "smtp:"
        if hop == "host":
            nexthop = bracket(hosts[rt["host"]]["addresses"][0])
        elif hop == "firewall":
            fw = fws[rt["firewall"]]
            addrs = fw["addresses"]
            pick = addrs[0]
            if relay["on"] == "host":
                zone = zones[hosts[relay["name"]]["zone"]]
                nets = [ipaddress.ip_network(n) for n in zone["networks"]]
                inside = [a for a in addrs
                          if any(ipaddress.ip_address(a) in n for n in nets)]
                if inside:
                    pick = inside[0]
            nexthop = bracket(pick)
        elif hop == "localhost":
            nexthop = "[127.0.0.1]"
        else:
            name = rt["name"]
            nexthop = bracket(name) if _is_ip(name) else "[%s]" % name
        return "smtp:%s:%d" % (nexthop, rt["port"])
    return "smtp:"  # no route: MAILsweeper delivers by DNS


def _is_ip(s):
    try:
        ipaddress.ip_address(s)
        return True
    except ValueError:
        return False


def probes(relay):
    out = []
    for rt in relay["routes"]:
        p = rt["pattern"]
        if p in ("*.*", "*"):
            continue
        base = p[2:] if p.startswith("*.") else p
        out += [base, "x." + base, "a.b." + base, base.upper()]
        if "." in base:
            out.append(base.split(".", 1)[1])
        out.append("not" + base)
    out += ["nowhere.invalid", "example.org", "com"]
    seen, uniq = set(), []
    for d in out:
        if d not in seen:
            seen.add(d)
            uniq.append(d)
    return uniq


def postmap(config, key, table):
    r = subprocess.run(["postmap", "-c", config, "-q", key, table],
                       capture_output=True, text=True)
    if r.stderr:
        sys.exit("postmap %s %s: %s" % (key, table, r.stderr.strip()))
    return r.stdout.strip() if r.returncode == 0 else None


def actual(fmt, config, path, domain):
    if fmt == "regexp":
        return postmap(config, "user@" + domain, "regexp:" + path)
    d = domain.lower()
    keys = [d]
    rest = d
    while "." in rest:
        rest = rest.split(".", 1)[1]
        keys.append("." + rest)
    keys.append("*")
    for k in keys:
        v = postmap(config, k, "hash:" + path)
        if v is not None:
            return v
    return None


def main():
    model_file, path, fmt, config = sys.argv[1:5]
    with open(model_file) as f:
        model = json.load(f)
    relays = model["relays"]
    relay = relays[0]
    if len(sys.argv) > 5:
        relay = [r for r in relays if r["name"] == sys.argv[5]][0]
    bad = 0
    ps = probes(relay)
    for d in ps:
        want = expected(model, relay, d)
        got = actual(fmt, config, path, d)
        if got != want:
            print("mismatch for %s: table says %s, postfix %s map says %s"
                  % (d, want, fmt, got))
            bad += 1
    print("%d probes, %d mismatches" % (len(ps), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
