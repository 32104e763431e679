zone any { network 10.0.0.0/8; }
host self { zone any; address 10.0.0.1; }
