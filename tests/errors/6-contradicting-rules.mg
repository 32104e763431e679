# One application's rules must not contradict each other.
import "services";
zone clean { network 192.168.1.0/24; }
host pc { zone clean; address 192.168.1.2; platform workstation; }
profile p for host pc {
  application mmc '%SystemRoot%\system32\mmc.exe' {
    allow tcp out local-port 1711, dcom;
    deny tcp out local-port 135, 1711;      # the same traffic, denied
    deny tcp out;
    allow tcp out local-port 1711;          # all of it denied above
    deny tcp both local-port 1-65535;
    allow udp out local-port ms-sql-m;
    allow udp out local-port 1434;          # a repeat: warning
  }
}
