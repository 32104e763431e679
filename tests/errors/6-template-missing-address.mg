# The template has no default addresses that could pass for real ones:
# name resolution not working needs the subnet to trust.
import "puremessage";
zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; platform workstation; }
use puremessage(pm-console, pmconsole, name-resolution = false);
