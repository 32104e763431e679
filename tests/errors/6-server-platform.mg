# "As Sophos Client Firewall does not support server platforms ..."
import "services";
zone clean { network 192.168.1.0/24; }
host exchange { zone clean; address 192.168.1.3; platform server; }
profile pm for host exchange {
  mode interactive;
  application svchost '%SystemRoot%\system32\svchost.exe' { allow tcp out local-port 1030; }
}
