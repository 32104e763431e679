# Full PureMessage installation with a local database, SQL Server (or
# MSDE) already present: sqlserver.exe gets TCP outbound local ports 1026,
# DCOM and UDP outbound local port MS_SQL_M.
import "puremessage";

zone clean { network 192.168.1.0/24; }
host pmserver { zone clean; address 192.168.1.2; platform workstation; }

use puremessage(pm-local-sql, pmserver, install = local-database, sql-server = true,
                domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
