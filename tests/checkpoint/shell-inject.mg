# Shell injection attempts in comments: each must reach mgmt_cli as one
# argument, intact, and run nothing.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gw { zone clean; address 192.168.1.5; }
firewall fw { address 192.168.1.1; interface eth0 zone dirty; interface eth1 zone clean; }
policy fw {
  allow tcp 1001 from clean to self comment "x'; touch PWNED1; echo '";
  allow tcp 1002 from clean to dirty comment "$(touch PWNED2) `touch PWNED3` ${HOME}";
  allow tcp 1003 from gw to dirty comment "a\"b\\c; rm -rf / #";
  allow tcp 1004 from dirty to gw comment "x -s /etc/passwd --batch y";
}
