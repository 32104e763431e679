import "./cycle-b";
zone a { network 10.0.0.0/8; }
