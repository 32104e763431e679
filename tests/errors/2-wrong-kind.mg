zone dmz { network 172.16.1.0/24; }
host relay { zone dmz; address 172.16.1.10; }
host other { zone relay; address 172.16.1.11; }
firewall fw { interface eth0 zone dmz; }
policy relay { allow tcp 25 from any to relay; }
policy fw { allow tcp 25 from "dmz" to relay; }
