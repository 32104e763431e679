# The seed document's own typo, and friends.
zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.l68.1.2; }
host dc        { zone clean; address 192.168.1.256; }
host short     { zone clean; address 192.168.1; }
host v6        { zone clean; address 2001:db8::1::2; }
