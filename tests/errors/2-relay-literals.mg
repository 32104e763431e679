zone dmz { network 172.16.1.0/24; }
host relay { zone dmz; address 172.16.1.10; }
relay relay {
  route exa_mple.com -> dns;
  route example.com -> gateway;
  route example.org -> relay port 70000;
  route *.* -> dns port 25;
  dialup { interval 30; smarthost mail.isp.example; }
}
