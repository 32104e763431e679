# SPEC 2 / guide 2-9: the entry for all other domains (*.*) must be last.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
relay mailsweeper {
	route *.*           -> dns;
	route example.com   -> gateway;
	route *.example.com -> gateway;
}
