# MAILsweeper for SMTP on the SMTP gateway inside a proxy based firewall
# (guide 2-15, step 7): other domains go via the firewall.
# Outputs: mgc examples/ms-gateway-proxy.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone clean { network 192.168.1.0/24; }

host gateway { zone clean; address 192.168.1.5; }

firewall fw {
	kind proxy;                  # its SMTP proxy relays mail to and from the Internet
	address 192.168.1.1;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}

use mailsweeper-gateway(fw, gateway, example.com, moved-port = 20025, proxy = true);
