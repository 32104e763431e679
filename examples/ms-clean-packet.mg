# MAILsweeper for SMTP on the clean network, packet based firewall
# (guide 2-9).
# Outputs: mgc examples/ms-clean-packet.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone clean; address 192.168.1.10; }
host gateway     { zone clean; address 192.168.1.5; }

firewall fw {
	kind packet;
	vendor checkpoint;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}

use mailsweeper-clean(fw, mailsweeper, gateway, example.com);
