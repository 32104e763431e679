# MAILsweeper for SMTP on the DMZ, packet based firewall (guide 2-18),
# with two routes of the site's own before the guide's.
# Outputs: mgc examples/ms-dmz-packet.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet side
zone dmz   { network 172.16.1.0/24; }
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone dmz;   address 172.16.1.10; }
host gateway     { zone clean; address 192.168.1.5; }

firewall fw {
	kind packet;
	vendor checkpoint;
	interface eth0 zone dirty;
	interface eth1 zone dmz;
	interface eth2 zone clean;
}

# Relay blocks append in source order and the first matching route
# wins: these come before the template's "example.com" and "*.*".
relay mailsweeper {
	route partner.example -> 198.51.100.25 port 2525;   # a partner's server
	route *.example.com   -> gateway;                   # subdomains too
}

# The partner's server listens on port 2525: the firewall must let the
# relay reach it (mgc checks every route's next hop against the policy).
policy fw {
	allow tcp 2525 from mailsweeper to 198.51.100.25 comment "mail to the partner's server";
}

use mailsweeper-dmz(fw, mailsweeper, gateway, example.com);
