# PureMessage for Windows/Exchange, console only, on a workstation without
# IIS, name resolution working: the article's common settings less the
# IIS program inetinfo.exe (absent from this computer).
import "puremessage";

zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; platform workstation; }

use puremessage(pm-console, pmconsole, iis = false,
                domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
