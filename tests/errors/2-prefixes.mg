zone a { network 192.168.1.1/24; }
zone b { network 10.0.0.0/33; }
zone c { network 172.16.0.0/255.0.255.0; }
zone d { network 172.17.0.0/255.255.0.0; }
zone e { network 2001:db8::1/32; }
