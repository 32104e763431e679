import "./cycle-a";
zone b { network 11.0.0.0/8; }
