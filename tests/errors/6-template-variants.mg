# Template arguments the article has no variant for.
import "puremessage";
zone clean { network 192.168.1.0/24; }
host a { zone clean; address 192.168.1.2; platform workstation; }
host b { zone clean; address 192.168.1.3; platform workstation; }
host c { zone clean; address 192.168.1.4; platform workstation; }
use puremessage(pa, a, install = full, domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
use puremessage(pb, b, iis = false, smtp-in-use = true,
                domain-controller = 192.168.1.1, this-computer = 192.168.1.3);
use puremessage(pc, c, iis = yes, domain-controller = 192.168.1.1, this-computer = 192.168.1.4);
