# MAILsweeper for SMTP using a dial-up connection (guide 2-22): all
# outgoing mail to the ISP's mail server.
# Outputs: mgc examples/ms-dialup.mg -t mailsweeper (or postfix, json, ...)
import "mailsweeper";

domain example.com;

zone dirty { network 0.0.0.0/0; }               # the Internet, reached by dial-up
zone clean { network 192.168.1.0/24; }

host mailsweeper { zone clean; address 192.168.1.10; }
host gateway     { zone clean; address 192.168.1.5; }

use mailsweeper-dialup(mailsweeper, gateway, example.com, "Example ISP", mail.isp.example,
		       every = 30m);
