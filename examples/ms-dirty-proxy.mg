# MAILsweeper for SMTP on the dirty network, proxy based firewall (guide
# 2-6): own domain to the firewall, whose SMTP proxy routes it to the
# gateway.
# Outputs: mgc examples/ms-dirty-proxy.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty     { network 0.0.0.0/0; }           # the Internet side
zone dirty-lan { network 203.0.113.0/28; }      # the dirty network in front of the firewall
zone clean     { network 192.168.1.0/24; }

host mailsweeper { zone dirty-lan; address 203.0.113.10; }
host gateway     { zone clean;     address 192.168.1.5; }

firewall fw {
	kind proxy;                  # its SMTP proxy stays on: it relays the mail
	address 203.0.113.1;
	address 192.168.1.1;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}

use mailsweeper-dirty(fw, mailsweeper, gateway, example.com, proxy = true);
