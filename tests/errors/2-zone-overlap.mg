zone dirty   { network 0.0.0.0/0; }
zone dmz     { network 172.16.0.0/16; }
zone lab     { network 172.16.5.0/24; network 10.0.0.0/8; }
zone servers { network 172.16.0.0/16; }
