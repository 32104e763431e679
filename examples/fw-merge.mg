# Consecutive rules with the same action between the same zones become
# one nftables set (one kernel rule); a rule with a comment or `log`
# keeps a rule of its own, and a rule of another action ends the run.
import "services";

zone dirty { network 0.0.0.0/0; network ::/0; }
zone dmz   { network 10.1.0.0/24; network fd00:1::/64; }

host a { zone dmz; address 10.1.0.1; address fd00:1::1; }
host b { zone dmz; address 10.1.0.2; }
host c { zone dmz; address 10.1.0.3; }
host d { zone dmz; address 10.1.0.4; }

firewall fw {
  kind packet;
  interface eth0 zone dirty;
  interface eth1 zone dmz;
}

policy fw {
  allow smtp from dirty to a;
  allow http, https from dirty to b;
  allow tcp 8000-8100 from dirty to c;
  allow smtp from dirty to d;
  allow dns from 198.51.100.0/24 to a comment "partner DNS";
  deny  ssh from 203.0.113.66 to dmz;
  allow ssh from 203.0.113.0/24 to a;
  allow tcp 2222 from 203.0.113.8 to b;
  allow http from a to dirty;
  allow https from b to dirty;
}
