# MAILsweeper for SMTP on the SMTP gateway, packet based firewall (guide
# 2-15): the gateway's MTA moves to port 20025.
# Outputs: mgc examples/ms-gateway.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone clean { network 192.168.1.0/24; }

host gateway { zone clean; address 192.168.1.5; }

firewall fw {
	kind packet;
	vendor checkpoint;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}

use mailsweeper-gateway(fw, gateway, example.com, moved-port = 20025);
