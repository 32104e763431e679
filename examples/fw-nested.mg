# Nested zones sharing their parent's interface (told apart by address),
# zones and hosts named like nftables keywords, IPv6-only and mixed-family
# rules, literals, groups, reject, log, and a service list longer than
# one iptables multiport match.
import "services";

zone ip      { network 0.0.0.0/0; network ::/0; }          # the Internet
zone meta    { network 172.16.0.0/16; network 2001:db8:10::/48; }
zone counter { network 172.16.5.0/24; network 2001:db8:10:5::/64; }   # inside meta, no interface
zone fwd     { network 192.168.0.0/24; }                    # IPv4 only
zone v6lab   { network 2001:db8:20::/48; }                  # IPv6 only

host log    { zone meta;    address 172.16.0.25; address 2001:db8:10::25; }
host accept { zone counter; address 172.16.5.7; }
host drop   { zone fwd;     address 192.168.0.9; }
host table  { zone v6lab;   address 2001:db8:20::53; }
group chain { log; accept; }

service many tcp 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21-22, 23-24, 100-200, 300-400, 500-600, 700-800, 900-1000;

firewall fw {
  kind packet;
  interface ext0 zone ip;
  interface int0 zone meta;
  interface lan0 zone fwd;
  interface lab0 zone v6lab;
}

policy fw {
  allow smtp from ip to log;                       # dual-stack host
  allow smtp from log to counter;                  # nested zone, same interface
  allow http from counter to ip;                   # whole nested zone
  allow dns from table to ip;                      # IPv6-only host
  allow ssh from fwd to 2001:db8:20::/64;          # IPv4 zone to an IPv6 literal: applies to nothing
  allow tcp 8443 from drop to 203.0.113.0/24, 2001:db8:ffff::1;   # mixed literal list
  reject many from chain to fwd;                   # group, long port list
  allow smtp, submission from 192.168.0.0/25 to self;
  allow dns from self to ip log;
  reject tcp 8000-8999, udp 9999 from meta to v6lab;   # IPv6 only: v6lab has no IPv4
  deny smtp from any to any log comment "default: smtp nowhere else";
}
