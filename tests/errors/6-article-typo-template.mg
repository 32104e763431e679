# The same typo given to the stdlib template.
import "puremessage";
zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; platform workstation; }
use puremessage(pm-console, pmconsole,
                domain-controller = 192.168.1.1, this-computer = 192.l68.1.2);
