# PureMessage console only on a workstation with IIS: all the common rules
# apply, whether IIS is used or not; restart IIS after applying.
import "puremessage";

zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; platform workstation; }

use puremessage(pm-iis, pmconsole, iis = true,
                domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
