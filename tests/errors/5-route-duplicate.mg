# SPEC 2: the same domain pattern twice in one relay (blocks of a relay
# append in source order, so the second block's route comes later).
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
relay mailsweeper {
	route *.example.com -> gateway;
	route example.com   -> gateway;
}
relay mailsweeper {
	route *.example.com -> dns;
	route *.*           -> dns;
}
