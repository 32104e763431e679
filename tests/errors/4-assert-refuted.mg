# Asserts are proved over the whole class or refuted with a packet and
# the rule (or the default deny) that decides it.
service smtp tcp 25;
zone dirty { network 0.0.0.0/0; network ::/0; }
zone dmz   { network 172.16.1.0/24; }
zone clean { network 192.168.1.0/24; }
host mailsweeper { zone dmz;   address 172.16.1.10; }
host gateway     { zone clean; address 192.168.1.5; }
firewall fw { kind packet; interface eth0 zone dirty; interface eth1 zone dmz; interface eth2 zone clean; }
policy fw {
  deny smtp from 203.0.113.0/24 to mailsweeper;
  allow smtp from dirty to mailsweeper;
  allow smtp from clean to any;
}
assert fw allow smtp from dirty to mailsweeper;   # refuted by rule 1
assert fw deny smtp from clean to dirty;          # refuted by rule 3
assert fw allow smtp from mailsweeper to gateway; # refuted by the default deny
assert fw allow smtp from gateway to mailsweeper; # holds
