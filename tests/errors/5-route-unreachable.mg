# SPEC 2: a route that an earlier, broader route makes unreachable.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
relay mailsweeper {
	route *.example.com   -> gateway;
	route a.example.com   -> gateway;
	route *.b.example.com -> dns;
	route *.*             -> dns;
}
