# A route to a proxy firewall whose SMTP proxy is off: nothing accepts the mail.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
firewall fw {
	kind proxy;
	smtp-proxy off;
	address 192.168.1.1;
	interface eth0 zone dirty;
	interface eth1 zone clean;
}
relay mailsweeper {
	route example.com -> gateway;
	route *.*         -> fw;
}
