# MAILsweeper for SMTP on a packet based firewall (Check Point
# FireWall-1): the deployment guide, "On the firewall", "Packet based
# firewall", step 3.  MAILsweeper runs on the firewall itself, so the
# guide's rules send SMTP to "localhost" -- written `to self` here.
import "services";

domain example.com;

zone dirty { network 0.0.0.0/0; network ::/0; }   # the Internet side
zone clean { network 192.168.1.0/24; }

host smtp-gateway { zone clean; address 192.168.1.5; }   # the existing SMTP gateway

firewall fw {
  kind packet;
  vendor checkpoint;
  address 192.168.1.1;
  interface eth0 zone dirty;
  interface eth1 zone clean;
}

policy fw {
  # The relay's own outbound mail.  FireWall-1 accepts packets the
  # firewall sends through an implied rule; mgc has no implied rules,
  # so they are written out.
  allow smtp from self to smtp-gateway comment "MAILsweeper delivers inbound mail";
  allow smtp from self to dirty comment "MAILsweeper sends outbound mail";
  # Step 3: the guide's table, in the guide's order.
  allow smtp from smtp-gateway to self log comment "SMTP gateway -> localhost SMTP ACCEPT";
  deny  smtp from clean to self log comment "Clean -> localhost SMTP STOP";
  allow smtp from dirty to self log comment "Dirty -> localhost SMTP ACCEPT";
  deny  smtp from any to any log comment "Any -> Any SMTP STOP";
}

relay fw {
  route example.com -> smtp-gateway;   # own domain to the gateway
  route *.*         -> dns;            # the rest: MX lookup
}

assert fw deny smtp from clean to dirty;
assert fw allow smtp from dirty to self;
