# The host firewall profile of SPEC.md section 1, as written there,
# with the host it belongs to.
import "services";

zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; platform workstation; }

profile pm-console for host pmconsole {
  mode interactive;
  lan { netbios 192.168.1.1; netbios 192.168.1.2; }   # or: trust 192.168.1.0/255.255.255.0;
  application svchost '%SystemRoot%\system32\svchost.exe' { allow tcp out local-port 1030; }
  application mmc '%SystemRoot%\system32\mmc.exe'         { allow tcp out local-port 1711, dcom; }
  application inetinfo '%SystemRoot%\system32\inetsrv\inetinfo.exe' {
    allow tcp out local-port 1123;
    allow tcp in  local-port smtp;
  }
  process '%SystemRoot%\system32\svchost.exe' { allow hidden-launch; }
}
