# 'localhost' routes belong to the SMTP-gateway placement, not to a relay on the firewall.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
firewall fw {
	kind packet;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}
relay fw {
	route example.com -> localhost port 20025;
	route *.*         -> dns;
}
