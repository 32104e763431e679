# SPEC 2: a relay that sends mail back to itself (MAILsweeper owns port 25).
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
relay gateway {
	route example.com   -> localhost;
	route *.example.com -> gateway;
	route *.*           -> dns;
}
