# MAILsweeper for SMTP on a proxy based firewall, Raptor-like (guide
# 2-13): its SMTP proxy is disabled so that MAILsweeper can take its
# place.
# Outputs: mgc examples/ms-firewall-proxy.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone clean { network 192.168.1.0/24; }

host gateway { zone clean; address 192.168.1.5; }

firewall fw {
	kind proxy;
	smtp-proxy off;              # step 3: "Disable the firewall's SMTP proxy"
	address 192.168.1.1;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}

use mailsweeper-firewall-proxy(fw, gateway, example.com);
