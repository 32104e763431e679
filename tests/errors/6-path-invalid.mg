# Characters and names Windows paths cannot have.
import "services";
zone clean { network 192.168.1.0/24; }
host pc { zone clean; address 192.168.1.2; }
profile p for host pc {
  application a '' { allow tcp out; }
  application b "%SystemRoot%\\system32\\svc\thost.exe" { allow tcp out; }
  application c '%SystemRoot%\system32\svc*.exe' { allow tcp out; }
  application d '%SystemRoot%\system32\a<b>.exe' { allow tcp out; }
  application e '%SystemRoot%\system32\"mmc".exe' { allow tcp out; }
  application f '%SystemRoot%\system32\mmc.exe|calc' { allow tcp out; }
  application g 'C:\x\y.exe:stream' { allow tcp out; }
  application h '%SystemRoot\system32\mmc.exe' { allow tcp out; }
  application i '%%\mmc.exe' { allow tcp out; }
  application j '%SystemRoot%\system32\con.exe' { allow tcp out; }
  application k '%SystemRoot%\system32\mmc.exe.' { allow tcp out; }
  process '%SystemRoot%\system32\svchost.exe?' { allow hidden-launch; }
}
