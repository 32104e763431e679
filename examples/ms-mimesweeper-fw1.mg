# MAILsweeper for SMTP beside MIMEsweeper for FireWall-1 (guide 2-21),
# deployed on the DMZ: MIMEsweeper for FireWall-1 keeps HTTP and FTP,
# SMTP checking is disabled there.
# Outputs: mgc examples/ms-mimesweeper-fw1.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone dmz   { network 172.16.1.0/24; }
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone dmz;   address 172.16.1.10; }
host mimesweeper { zone dmz;   address 172.16.1.20; }   # the CVP server
host gateway     { zone clean; address 192.168.1.5; }

firewall fw {
	kind packet;
	vendor checkpoint;
	interface eth0 zone dirty;
	interface eth1 zone dmz;
	interface eth2 zone clean;
	# step 1: "Disable SMTP checking in MIMEsweeper for FireWall-1"
	content-security mimesweeper { protocols http, ftp; }
}

use mailsweeper-dmz(fw, mailsweeper, gateway, example.com);
use mailsweeper-mimesweeper-fw1(fw, mimesweeper);
