# The firewall's policy must let each relay reach its next hop, and let
# the Internet reach the relay that receives the site's mail.
import "services";
domain example.com;
zone dirty { network 0.0.0.0/0; }
zone dmz   { network 172.16.1.0/24; }
zone clean { network 192.168.1.0/24; }
host mailsweeper { zone dmz; address 172.16.1.10; }
host gateway { zone clean; address 192.168.1.5; }
firewall fw {
  interface eth0 zone dirty;
  interface eth1 zone dmz;
  interface eth2 zone clean;
}
policy fw {
  allow smtp from mailsweeper to dirty;
  deny smtp from mailsweeper to gateway;
}
relay mailsweeper {
  route example.com -> gateway;
  route *.* -> dns;
}
