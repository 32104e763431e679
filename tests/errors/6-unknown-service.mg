# Unknown services and ports out of range.
import "services";
zone clean { network 192.168.1.0/24; }
host pc { zone clean; address 192.168.1.2; }
profile p for host pc {
  application sqlserver '%ProgramFiles%\Microsoft SQL Server\MSSQL\Binn\sqlservr.exe' {
    allow udp out local-port ms-sql;
    allow tcp out local-port 1026, dcomm;
    allow tcp out remote-port 70000;
  }
}
