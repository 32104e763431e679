# Full PureMessage installation with a local database and no SQL Server
# yet: no sqlserver.exe rules; the firewall must be in interactive mode so
# that SQL Server's access can be granted in the pop-up during installation.
import "puremessage";

zone clean { network 192.168.1.0/24; }
host pmserver { zone clean; address 192.168.1.2; platform workstation; }

use puremessage(pm-local-nosql, pmserver, install = local-database, sql-server = false,
                domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
