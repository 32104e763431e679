# The deployment of SPEC.md section 1, as written there.
import "services";                    # stdlib module (also: a relative path)

domain example.com;                   # the site's own mail domain(s)

service smtp     tcp 25;              # stdlib/services.mg defines the common ones
service ms-sql-m udp 1434;
service netbios  { udp 137-138; tcp 139; }

zone dirty { network 0.0.0.0/0; network ::/0; }   # the Internet side
zone dmz   { network 172.16.1.0/24; }
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone dmz;   address 172.16.1.10; }
host gateway     { zone clean; address 192.168.1.5; }
group mailhosts  { mailsweeper; gateway; }

firewall fw {
  kind packet;                        # packet | proxy
  vendor checkpoint;                  # optional; informs checks and output
  interface eth0 zone dirty;
  interface eth1 zone dmz;
  interface eth2 zone clean;
}

policy fw {                           # ordered, first match wins, default deny
  allow smtp from dirty to mailsweeper;
  allow smtp from mailsweeper to dirty;
  allow smtp from gateway to mailsweeper;
  allow smtp from mailsweeper to gateway;
  deny  smtp from any to any log comment "step 6: secure the firewall";
}

relay mailsweeper {                   # MAILsweeper route table on that host
  route example.com -> gateway;       # inbound: own domain to the gateway
  route *.*         -> dns;           # the rest: MX lookup (or a host: smart host)
}

assert fw deny smtp from clean to dirty;   # checked on the compiled rules
assert fw allow smtp from dirty to mailsweeper;
