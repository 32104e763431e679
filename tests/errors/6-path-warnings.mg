# Likely mistakes in otherwise valid paths are warnings; --werror makes
# them fail.
import "services";
zone clean { network 192.168.1.0/24; }
host pc { zone clean; address 192.168.1.2; }
profile p for host pc {
  application a '%SystemRot%\system32\svchost.exe' { allow tcp out local-port 1030; }
  application b 'C:\[Windows]\system32\mmc.exe' { allow tcp out local-port 1711, dcom; }
  application c '%programfiles%\x\y.exe' { allow tcp out; }   # case does not matter
}
