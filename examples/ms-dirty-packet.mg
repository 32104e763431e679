# MAILsweeper for SMTP on the dirty network, packet based firewall
# (guide 2-6).
# Outputs: mgc examples/ms-dirty-packet.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty     { network 0.0.0.0/0; }           # the Internet side
zone dirty-lan { network 203.0.113.0/28; }      # the dirty network in front of the firewall
zone clean     { network 192.168.1.0/24; }

host mailsweeper { zone dirty-lan; address 203.0.113.10; }
host gateway     { zone clean;     address 192.168.1.5; }

firewall fw {
	kind packet;
	vendor checkpoint;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}

use mailsweeper-dirty(fw, mailsweeper, gateway, example.com);
