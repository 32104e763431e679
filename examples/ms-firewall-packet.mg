# MAILsweeper for SMTP on a packet based firewall, Check Point
# FireWall-1 (guide 2-12): the relay runs on the firewall.
# Outputs: mgc examples/ms-firewall-packet.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone clean { network 192.168.1.0/24; }

host gateway { zone clean; address 192.168.1.5; }

firewall fw {
	kind packet;
	vendor checkpoint;
	address 192.168.1.1;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}

use mailsweeper-firewall-packet(fw, gateway, example.com);
