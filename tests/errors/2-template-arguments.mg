template relay_rules(fw, relay, port = 25) {
  policy fw { allow tcp 25 from any to relay; }
}
zone dirty { network 0.0.0.0/0; }
host mx { zone dirty; address 192.0.2.25; }
firewall fw { interface eth0 zone dirty; }
use relay_rules(fw);
use relay_rules(fw, mx, 25, 26);
use relay_rules(fw, mx, prot = 25);
use relay_rule(fw, mx);
use relay_rules(fw, mx, relay = mx);
