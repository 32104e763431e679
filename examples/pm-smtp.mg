# PureMessage console only, IIS with SMTP in use: inbound SMTP for inetinfo.exe.
import "puremessage";

zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; platform workstation; }

use puremessage(pm-smtp, pmconsole, smtp-in-use = true,
                domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
