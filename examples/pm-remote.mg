# Full PureMessage installation with a remote database: IDriver.exe
# (InstallShield) may connect out; sqlserver.exe gets TCP outbound remote
# port 2251 and UDP outbound remote port MS_SQL_M.
import "puremessage";

zone clean { network 192.168.1.0/24; }
host pmserver { zone clean; address 192.168.1.2; platform workstation; }

use puremessage(pm-remote, pmserver, install = remote-database,
                domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
