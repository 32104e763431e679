# MAILsweeper for SMTP on the DMZ, proxy based firewall (guide 2-18):
# other domains via the firewall, *.* last.
# Outputs: mgc examples/ms-dmz-proxy.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone dmz   { network 172.16.1.0/24; }
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone dmz;   address 172.16.1.10; }
host gateway     { zone clean; address 192.168.1.5; }

firewall fw {
	kind proxy;                  # its SMTP proxy relays mail to and from the Internet
	address 172.16.1.1;
	address 192.168.1.1;
	interface eth0 zone dirty;
	interface eth1 zone dmz;
	interface eth2 zone clean;
}

use mailsweeper-dmz(fw, mailsweeper, gateway, example.com, proxy = true);
