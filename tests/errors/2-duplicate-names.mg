zone dmz { network 172.16.1.0/24; }
host relay { zone dmz; address 172.16.1.10; }
host relay { zone dmz; address 172.16.1.11; }
group dmz { relay; }
service smtp tcp 25;
service smtp tcp 2525;
