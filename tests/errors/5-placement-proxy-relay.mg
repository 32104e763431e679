# Guide 2-13: "Disable the firewall's SMTP proxy so that MAILsweeper can take its place."
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
firewall fw {
	kind proxy;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}
relay fw {
	route example.com -> gateway;
	route *.*         -> dns;
}
