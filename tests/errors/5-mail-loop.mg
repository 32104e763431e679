# SPEC 2: mail for a domain loops between two relays.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
host relay2 { zone clean; address 192.168.1.11; }
relay mailsweeper {
	route example.com -> relay2;
	route *.*         -> dns;
}
relay relay2 {
	route example.com -> mailsweeper;
	route *.*         -> dns;
}
