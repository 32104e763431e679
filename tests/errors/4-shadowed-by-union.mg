# A rule covered by the union of two earlier rules, neither of which
# covers it alone: pairwise checkers miss it; mgc reports both rules
# and that one of them has a different action.
service smtp tcp 25;
zone dirty { network 0.0.0.0/0; }
zone dmz   { network 172.16.1.0/24; }
host mailsweeper { zone dmz; address 172.16.1.10; }
firewall fw { kind packet; interface eth0 zone dirty; interface eth1 zone dmz; }
policy fw {
  allow smtp from 0.0.0.0/1 to mailsweeper;
  deny smtp from 128.0.0.0/1 to mailsweeper;
  allow smtp from dirty to mailsweeper;
}
