# The packet-test deployment (tests/suites/35-netns.sh): a dirty host, a
# MAILsweeper relay in the DMZ, a clean SMTP gateway and the firewall,
# dual-stack.  The test's expected matrix is written from this policy.
import "services";

domain example.com;

zone dirty { network 0.0.0.0/0; network ::/0; }
zone dmz   { network 10.1.0.0/24; network fd00:1::/64; }
zone clean { network 10.2.0.0/24; network fd00:2::/64; }

host relay   { zone dmz;   address 10.1.0.2; address fd00:1::2; }
host gateway { zone clean; address 10.2.0.2; address fd00:2::2; }

firewall fw {
  kind packet;
  interface fw-dirty zone dirty;
  interface fw-dmz   zone dmz;
  interface fw-clean zone clean;
}

policy fw {
  allow smtp from dirty to relay;
  allow smtp from relay to dirty;
  allow smtp, tcp 8025 from relay to gateway;
  allow smtp from gateway to relay;
  allow ssh from gateway to self comment "admin from the clean side";
  allow tcp 8080 from dirty to self;
  allow http from clean to dirty;
  reject tcp 8081 from clean to dirty;
  deny smtp from any to any log comment "step 6: secure the firewall";
}
