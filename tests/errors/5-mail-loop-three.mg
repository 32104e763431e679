# SPEC 2: a loop through three relays, for the domains of a wildcard route.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
host r2 { zone clean; address 192.168.1.11; }
host r3 { zone clean; address 192.168.1.12; }
relay mailsweeper {
	route example.com   -> gateway;
	route *.example.com -> r2;
	route *.*           -> dns;
}
relay r2 {
	route *.* -> r3;
}
relay r3 {
	route *.example.com -> 192.168.1.10;
	route *.*           -> dns;
}
