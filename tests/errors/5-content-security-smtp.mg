# Guide 2-21: "Disable SMTP checking in MIMEsweeper for FireWall-1."
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
firewall fw {
	kind packet;
	vendor checkpoint;
	interface eth0 zone dirty;
	interface eth1 zone clean;
	content-security mimesweeper { protocols http, smtp, ftp; }
}
relay mailsweeper {
	route example.com -> gateway;
	route *.*         -> dns;
}
