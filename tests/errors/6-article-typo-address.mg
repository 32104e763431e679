# The article's own typo: "the address of the computer where PureMessage
# for Windows/Exchange is to be installed, e.g. 192.l68.1.2".
import "services";
zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; platform workstation; }
profile pm-console for host pmconsole {
  mode interactive;
  lan { netbios 192.168.1.1; netbios 192.l68.1.2; }
}
