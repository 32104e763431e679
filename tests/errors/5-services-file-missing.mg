# --services-file names a file that cannot be read.
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.1.5; }
host mailsweeper { zone clean; address 192.168.1.10; }
relay gateway {
	route example.com -> localhost port 20025;
	route *.*         -> dns;
}
