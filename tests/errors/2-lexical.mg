zone dirty { network 0.0.0.0/0; } $
host a { zone dirty; address 192.0.2.1; }
service s "tcp 25;
zone x { network 10.0.0.0/8; }
