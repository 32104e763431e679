zone dmz { network 172.16.1.0/24; }
host mailsweeper { zone dmzz; address 172.16.1.10; }
