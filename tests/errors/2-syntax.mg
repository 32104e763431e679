zone dirty { network 0.0.0.0/0; }
zone dmz { network 172.16.1.0/24 }
host relay { zone dmz; address 172.16.1.10; }
firewall fw { interface eth0 zone dirty; interface eth1 zone dmz; }
policy fw {
  allow tcp 25 form dirty to relay;
  permit tcp 25 from dirty to relay;
  allow tcp 25 from dirty to relay;
}
