zone dirty { network 0.0.0.0/0; }
zone dmz   { network 172.16.1.0/24; }
zone clean { network 192.168.1.0/24; }
host gateway { zone clean; address 192.168.2.5; }
host relay   { zone dirty; address 172.16.1.10; }
