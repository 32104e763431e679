# PureMessage console only where name resolution does not work (you
# cannot ping the other computers of the domain): the LAN tab trusts the
# subnet, written as the article writes it, 192.168.1.0 (255.255.255.0).
import "puremessage";

zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; platform workstation; }

use puremessage(pm-no-name-resolution, pmconsole, name-resolution = false,
                subnet = 192.168.1.0/255.255.255.0);
