# PureMessage for Windows/Exchange behind Sophos Client Firewall: the host
# firewall profile of Sophos article 15326, "Sophos Client Firewall:
# installation with PureMessage for Windows/Exchange" (seeds/000_...).
#
#   import "puremessage";
#   use puremessage(pm-console, pmconsole,
#                   domain-controller = 192.168.1.1, this-computer = 192.168.1.2);
#
# Parameters (defaults after '='):
#   name, computer         the profile's name and the host it is for
#   install = console      console, local-database or remote-database
#   sql-server = false     local-database: SQL Server (or MSDE) is already present
#   iis = true             IIS is installed (inetinfo.exe exists and gets its rules)
#   smtp-in-use = false    inbound SMTP for inetinfo.exe (needs iis)
#   name-resolution = true NetBIOS for domain-controller and this-computer; if
#                          false, the LAN tab trusts subnet (192.168.1.0/255.255.255.0)
#   domain-controller, this-computer, subnet: no defaults, give the ones needed
#   firewall-mode = interactive
#   sql-program            "sqlserver.exe (or the equivalent program)": the SQL
#                          Server 2000 / MSDE 2000 default instance's by default
# The steps a profile cannot hold (apply the rules before installing; make
# IDriver.exe exist; 'iisreset') are compiler notes and sophos output lines.
import "services";

template puremessage(name, computer, install = console, sql-server = false, iis = true, smtp-in-use = false, name-resolution = true, domain-controller = unset, this-computer = unset, subnet = unset, firewall-mode = interactive, sql-program = '%ProgramFiles%\Microsoft SQL Server\MSSQL\Binn\sqlservr.exe') {
  # 3. Common settings, Applications tab: svchost.exe "the local port is 1030",
  # mmc.exe "the local port is 1711, 135 (DCOM)" (TCP, Outbound); "In the
  # Processes tab (allow hidden processes launch), add: svchost.exe".
  profile name for host computer {
    mode firewall-mode;
    application svchost '%SystemRoot%\system32\svchost.exe' {
      allow tcp out local-port 1030;
    }
    application mmc '%SystemRoot%\system32\mmc.exe' {
      allow tcp out local-port 1711, dcom;
    }
    process '%SystemRoot%\system32\svchost.exe' { allow hidden-launch; }
  }
  # 3. LAN tab: "If name resolution is correctly configured ... enable NetBIOS"
  # for the domain controller and this computer; if not, "add 192.168.1.0
  # (255.255.255.0)".
  if name-resolution {
    if domain-controller == unset {
      error "name resolution needs the domain controller's address (give domain-controller = ADDRESS)";
    } else if this-computer == unset {
      error "name resolution needs this computer's address (give this-computer = ADDRESS)";
    } else {
      profile name for host computer {
        lan { netbios domain-controller; netbios this-computer; }
      }
    }
  } else if subnet == unset {
    error "without name resolution the LAN tab trusts the subnet (give subnet = ADDRESS/MASK)";
  } else {
    profile name for host computer {
      lan { trust subnet; }
    }
  }
  # 1./3. With IIS "all rules described here must be applied": inetinfo.exe
  # "TCP, outbound, local port 1123"; "If SMTP is in use ... TCP, inbound, local port SMTP".
  if iis {
    if smtp-in-use {
      profile name for host computer {
        application inetinfo '%SystemRoot%\system32\inetsrv\inetinfo.exe' {
          allow tcp out local-port 1123;
          allow tcp in local-port smtp;
        }
      }
    } else {
      profile name for host computer {
        application inetinfo '%SystemRoot%\system32\inetsrv\inetinfo.exe' {
          allow tcp out local-port 1123;
        }
      }
    }
  } else if smtp-in-use {
    error "smtp-in-use needs iis (the SMTP rule is for IIS's inetinfo.exe)";
  }
  # 4. Local database: with SQL Server present, sqlserver.exe "TCP, outbound, local
  # ports 1026, DCOM (or 135)", "UDP, outbound, local port MS_SQL_M (or 1434)";
  # without, "you must use interactive mode" (access is granted in a pop-up).
  if install == local-database {
    if sql-server {
      profile name for host computer {
        application sqlserver sql-program {
          allow tcp out local-port 1026, dcom;
          allow udp out local-port ms-sql-m;
        }
      }
    } else if firewall-mode != interactive {
      error "a local database without SQL Server needs interactive mode (set firewall-mode = interactive, or sql-server = true if SQL Server or MSDE is already present)";
    }
  } else if install == remote-database {
    # 5. Remote database: "allow internet access for ... IDriver.exe"; sqlserver.exe
    # "TCP, outbound, remote port 2251", "UDP, outbound, remote port MS_SQL_M (or 1434)".
    profile name for host computer {
      application idriver '%ProgramFiles%\Common Files\InstallShield\Driver\7\Intel32\IDriver.exe' {
        allow tcp out;
        allow udp out;
      }
      application sqlserver sql-program {
        allow tcp out remote-port 2251;
        allow udp out remote-port ms-sql-m;
      }
    }
  } else if install != console {
    error "unknown install option (use 'console', 'local-database' or 'remote-database')";
  }
}
