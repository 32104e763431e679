# A rule inside an earlier, wider rule with the same action.
service smtp tcp 25;
service web { tcp 80; tcp 443; }
zone dirty { network 0.0.0.0/0; }
zone dmz   { network 172.16.1.0/24; }
firewall fw { kind packet; interface eth0 zone dirty; interface eth1 zone dmz; }
policy fw {
  allow web from dirty to dmz;
  allow tcp 443 from 192.0.2.0/24 to 172.16.1.0/25;
}
