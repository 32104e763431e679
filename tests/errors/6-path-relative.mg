# Program paths must be absolute: a drive, a UNC share or a %VARIABLE%.
import "services";
zone clean { network 192.168.1.0/24; }
host pc { zone clean; address 192.168.1.2; }
profile p for host pc {
  application a 'system32\svchost.exe' { allow tcp out local-port 1030; }
  application b 'C:Windows\system32\mmc.exe' { allow tcp out local-port 1711; }
  application c '\\server' { allow tcp out local-port 1; }
  application d '%SystemRoot%\system32\inetsrv\' { allow tcp out local-port 1123; }
  application e '%ProgramFiles%\Common Files\InstallShield\Driver\7\Intel32\IDriver.exe' { allow tcp out; }
  application f '\\fileserver\apps\pm\setup.exe' { allow tcp out; }
  application g '%MYAPPS%\pm.exe' { allow tcp out; }           # unknown variable: fine
  application h 'c:\winnt\system32\svchost.exe' { allow tcp in local-port 1; }
}
