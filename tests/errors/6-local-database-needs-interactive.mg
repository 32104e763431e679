# "If you are running a full PureMessage for Windows/Exchange installation
# with local database option, you must use interactive mode unless SQL
# server (or MSDE) is already present on the system."
import "puremessage";
zone clean { network 192.168.1.0/24; }
host pmserver { zone clean; address 192.168.1.2; platform workstation; }
use puremessage(pm, pmserver, install = local-database, sql-server = false,
                firewall-mode = non-interactive,
                domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
