# Redundant rules are warnings; --werror (4-redundant.args) makes the
# run fail.  Rule 1 only repeats what rule 2 decides; rule 3 denies what
# the default deny drops anyway.
service smtp tcp 25;
zone dirty { network 0.0.0.0/0; }
zone dmz   { network 172.16.1.0/24; }
zone clean { network 192.168.1.0/24; }
host mailsweeper { zone dmz; address 172.16.1.10; }
firewall fw { kind packet; interface eth0 zone dirty; interface eth1 zone dmz; interface eth2 zone clean; }
policy fw {
  allow smtp from 192.0.2.7 to mailsweeper;
  allow smtp from 192.0.2.0/24 to mailsweeper;
  deny smtp from clean to dmz;
  deny smtp from any to any log;
}
