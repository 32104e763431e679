import "services";

zone dirty { network 0.0.0.0/0; }
zone dmz   { network 172.16.1.0/24 }
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone dmzz; address 172.16.1.10; }
host gateway     { zone clean; address 192.l68.1.5; }

firewall fw {
  kind packet;
  interface eth0 zone dirty;
  interface eth1 zone dmz;
  interface eth2 zone clean;
}

policy fw {
  allow smtp from dirty to mailsweeper;
  allow smtp from mailsweeper to dirty @;
  allow smtpp from gateway to mailsweeper;
}
