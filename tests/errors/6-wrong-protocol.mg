# A service used with a protocol it does not define.
import "services";
zone clean { network 192.168.1.0/24; }
host pc { zone clean; address 192.168.1.2; }
profile p for host pc {
  application inetinfo '%SystemRoot%\system32\inetsrv\inetinfo.exe' {
    allow udp out local-port smtp;
    allow tcp out remote-port ms-sql-m;
  }
}
