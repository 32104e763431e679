# MAILsweeper for SMTP beside MIMEsweeper for FireWall-1 (the deployment
# guide, "With MIMEsweeper for FireWall-1"): the Check Point firewall
# keeps sending HTTP and FTP to MIMEsweeper for FireWall-1 over CVP,
# SMTP checking there is disabled (step 1), and MAILsweeper for SMTP in
# the DMZ validates the mail instead (step 3).
import "services";

domain example.com;

zone dirty { network 0.0.0.0/0; network ::/0; }
zone dmz   { network 172.16.1.0/24; network 2001:db8:16::/64; }
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone dmz;   address 172.16.1.10; address 2001:db8:16::10; }
host cvp-server  { zone dmz;   address 172.16.1.20; }   # MIMEsweeper for FireWall-1
host gateway     { zone clean; address 192.168.1.5; address 192.168.1.6; }
group mailhosts  { mailsweeper; gateway; }

firewall fw1 {
  kind packet;
  vendor checkpoint;
  interface eth0 zone dirty;
  interface eth1 zone dmz;
  interface eth2 zone clean;
  content-security mimesweeper { protocols http, ftp; }   # not smtp: step 1
}

policy fw1 {
  allow smtp from dirty to mailsweeper log;
  allow smtp from mailsweeper to dirty;
  allow smtp from gateway to mailsweeper;
  allow smtp from mailsweeper to gateway;
  allow http, ftp from clean to dirty log comment "web and FTP, scanned by MIMEsweeper for FireWall-1";
  allow https from clean to dirty;
  allow fw1-cvp from self to cvp-server comment "the firewall hands content to the CVP server";
  allow ssh from 192.168.1.0/24 to mailhosts comment "administration";
  reject tcp 8080 from clean to dirty comment "proxies: say no at once";
  deny smtp from any to any log comment "cleanup for SMTP";
}

relay mailsweeper {
  route example.com -> gateway;
  route *.*         -> dns;
}

assert fw1 deny smtp from clean to dirty;
