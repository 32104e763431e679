# MAILsweeper running on the firewall itself (the guide's "firewall"
# placement): mail comes to `self` and leaves from `self`.
import "services";

domain example.com;

zone dirty { network 0.0.0.0/0; network ::/0; }
zone clean { network 192.168.1.0/24; network 2001:db8:1::/64; }

host gateway { zone clean; address 192.168.1.5; address 2001:db8:1::5; }

firewall fw {
  kind packet;
  interface eth0 zone dirty;
  interface eth1 zone clean;
}

relay fw {
  route example.com -> gateway;
  route *.*         -> dns;
}

policy fw {
  allow smtp from dirty to self comment "inbound mail to the relay on the firewall";
  allow smtp from self to gateway;
  allow smtp from gateway to self;
  allow smtp, dns from self to dirty;
  reject smtp from clean to dirty log comment "mail leaves through the relay only";
}
