# One program is one application; one process is listed once.
import "services";
zone clean { network 192.168.1.0/24; }
host pc { zone clean; address 192.168.1.2; }
profile p for host pc {
  application svchost '%SystemRoot%\system32\svchost.exe' { allow tcp out local-port 1030; }
  application svchost2 '%SYSTEMROOT%\System32\SVCHOST.EXE' { allow tcp out local-port 1031; }
  process '%SystemRoot%\system32\svchost.exe' { allow hidden-launch; }
  process '%SystemRoot%\System32\svchost.exe' { allow raw-sockets; }
}
