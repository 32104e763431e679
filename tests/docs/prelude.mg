# Context for documentation snippets that use names declared elsewhere
# (SPEC.md's profile example names host pmconsole).
import "services";
zone clean { network 192.168.1.0/24; }
host pmconsole { zone clean; address 192.168.1.2; }
