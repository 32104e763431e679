# MAILsweeper for SMTP on the clean network, proxy based firewall (guide
# 2-9): other domains via the firewall, *.* last.
# Outputs: mgc examples/ms-clean-proxy.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone clean; address 192.168.1.10; }
host gateway     { zone clean; address 192.168.1.5; }

firewall fw {
	kind proxy;                  # its SMTP proxy relays mail to and from the Internet
	address 192.168.1.1;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}

use mailsweeper-clean(fw, mailsweeper, gateway, example.com, proxy = true);
