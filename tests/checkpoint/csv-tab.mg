# A control character (TAB) cannot go into the table: refused, exit 1.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
firewall fw { interface eth0 zone dirty; interface eth1 zone clean; }
policy fw {
  allow tcp 1001 from clean to dirty comment "a\tb";
}
