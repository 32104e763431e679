# MAILsweeper for SMTP: one template per deployment of the "SMTP
# deployment" chapter of the MAILsweeper guide (seeds/003_...).  Import
# with `import "mailsweeper";` (it imports "services").  Declare the
# zones, hosts and firewall yourself, then use the template of your
# placement:
#
#   use mailsweeper-dmz(fw, mailsweeper, gateway, example.com);
#
# Each template adds the guide's MAILsweeper routes (a relay block),
# the firewall rules the placement implies (a policy block; both append
# to blocks of the same name, so add your own rules before or after)
# and the guide's "secure the firewall" constraints as asserts, which
# mgc proves on the compiled rules.
#
# Common parameters:
#   fw          the firewall between the Internet and the site
#   ms          the MAILsweeper host (the relay runs on it)
#   gateway     the existing SMTP gateway (the site's mail server)
#   maildomain  your mail domain ("example.com is the name of your
#               company email domain")
#   proxy = false
#               true for a proxy based firewall (Raptor-like; declare
#               `kind proxy;`), false for a packet based one (FireWall-1)
#   dirty = dirty, clean = clean, dmz = dmz
#               the zones: dirty is the Internet side, clean the
#               internal network the gateway is on
#
# What mgc checks on top (compiler/analyze/mailflow.c): the catch-all
# *.* is the last route, no duplicate, unreachable or looping route, a
# relay on a proxy firewall has `smtp-proxy off;`, the gateway's moved
# port is free, MIMEsweeper for FireWall-1 no longer scans SMTP.
#
# Asserts cannot say "every host but MAILsweeper" (endpoints have no
# negation), so the "can only" constraints are proved for the zones and
# the gateway the template knows: with the MAILsweeper host in a zone
# of its own (a dirty-network segment, the DMZ) they are exact; on the
# clean network they are proved for the gateway.
#
# In these rules `self` is the firewall itself: with a proxy based
# firewall, SMTP ends at the firewall's SMTP proxy, which opens a new
# connection onward.
import "services";

# On the dirty network (guide 2-6): MAILsweeper between the Internet and
# the firewall.  Put ms in a zone nested in dirty (the dirty network in
# front of the firewall), so that "to dirty" means the Internet.
template mailsweeper-dirty(fw, ms, gateway, maildomain, proxy = false,
			   dirty = dirty, clean = clean) {
	if proxy {
		# step 5: "For a proxy based firewall, add a route for your own
		# domain to the firewall.  The SMTP proxy on the firewall must
		# route the mail to the gateway machine."
		relay ms {
			route maildomain -> fw;
			route *.* -> dns;
		}
		policy fw {
			allow smtp from ms to self comment "step 5: incoming mail to the SMTP proxy";
			allow smtp from self to gateway comment "step 5: the SMTP proxy routes it to the gateway";
			allow smtp from gateway to self comment "step 4: outgoing mail from the gateway";
			allow smtp from self to ms comment "step 4: on to MAILsweeper";
			deny smtp from any to any log comment "step 6: secure the firewall";
		}
		# step 6: "Outgoing SMTP can only go to the MAILsweeper host."
		assert fw allow smtp from self to ms;
		assert fw deny smtp from self to dirty;
		assert fw deny smtp from clean to dirty;
		# step 6: "Incoming SMTP can only come from the MAILsweeper host."
		assert fw allow smtp from ms to self;
		assert fw deny smtp from dirty to self;
		assert fw deny smtp from dirty to clean;
	} else {
		# step 5: "For a packet based firewall, add a route for your own
		# domain to the gateway machine."
		relay ms {
			route maildomain -> gateway;
			route *.* -> dns;
		}
		policy fw {
			allow smtp from ms to gateway comment "step 5: incoming mail to the gateway";
			allow smtp from gateway to ms comment "step 4: outgoing mail to MAILsweeper";
			deny smtp from any to any log comment "step 6: secure the firewall";
		}
		# step 6: "Outgoing SMTP can only go to the MAILsweeper host."
		assert fw allow smtp from gateway to ms;
		assert fw deny smtp from clean to dirty;
		# step 6: "Incoming SMTP can only come from the MAILsweeper host."
		assert fw allow smtp from ms to gateway;
		assert fw deny smtp from dirty to clean;
	}
}

# On the clean network (guide 2-9): MAILsweeper inside, beside the
# gateway.
template mailsweeper-clean(fw, ms, gateway, maildomain, proxy = false,
			   dirty = dirty, clean = clean) {
	if proxy {
		# step 5: "For a proxy based firewall, add a route for your domain
		# to the gateway host and a route for all other domains to the
		# firewall.  The entry for all other domains (*.*) should be the
		# last entry on the list."
		relay ms {
			route maildomain -> gateway;
			route *.* -> fw;
		}
		policy fw {
			allow smtp from dirty to self comment "incoming mail to the SMTP proxy";
			allow smtp from self to ms comment "step 6: incoming SMTP only to MAILsweeper";
			allow smtp from ms to self comment "step 6: outgoing SMTP only from MAILsweeper";
			allow smtp from self to dirty comment "the SMTP proxy delivers outgoing mail";
			deny smtp from any to any log comment "step 6: secure the firewall";
		}
		# step 6: "Outgoing SMTP can only come from the MAILsweeper host."
		assert fw allow smtp from ms to self;
		assert fw deny smtp from gateway to self;
		assert fw deny smtp from clean to dirty;
		# step 6: "Incoming SMTP can only go to the MAILsweeper host."
		assert fw allow smtp from self to ms;
		assert fw deny smtp from self to gateway;
		assert fw deny smtp from dirty to clean;
	} else {
		# step 5: "For a packet based firewall, add a route for your own
		# domain to the gateway machine."
		relay ms {
			route maildomain -> gateway;
			route *.* -> dns;
		}
		policy fw {
			allow smtp from dirty to ms comment "step 6: incoming SMTP only to MAILsweeper";
			allow smtp from ms to dirty comment "step 6: outgoing SMTP only from MAILsweeper";
			deny smtp from any to any log comment "step 6: secure the firewall";
		}
		# step 6: "Outgoing SMTP can only come from the MAILsweeper host."
		assert fw allow smtp from ms to dirty;
		assert fw deny smtp from gateway to dirty;
		# step 6: "Incoming SMTP can only go to the MAILsweeper host."
		assert fw allow smtp from dirty to ms;
		assert fw deny smtp from dirty to gateway;
	}
}

# On a packet based firewall (guide 2-12, FireWall-1): the relay runs on
# the firewall; step 3's rule table, in the guide's order ("localhost"
# is the firewall: `self`).  FireWall-1 accepts connections the firewall
# itself opens by its implied rule; here they are written out, so that
# the relay reaches the gateway and the Internet.
template mailsweeper-firewall-packet(fw, gateway, maildomain, dirty = dirty, clean = clean) {
	relay fw {
		route maildomain -> gateway;
		route *.* -> dns;
	}
	policy fw {
		allow smtp from gateway to self comment "step 3: SMTP gateway -> localhost: accept";
		deny smtp from clean to self log comment "step 3: clean -> localhost: stop";
		allow smtp from dirty to self comment "step 3: dirty -> localhost: accept";
		allow smtp from self to gateway comment "MAILsweeper delivers incoming mail";
		allow smtp from self to dirty comment "MAILsweeper delivers outgoing mail";
		deny smtp from any to any log comment "step 3: any -> any: stop";
	}
	# step 3: "all SMTP traffic is directed via MAILsweeper"
	assert fw allow smtp from gateway to self;
	assert fw allow smtp from dirty to self;
	assert fw deny smtp from clean to dirty;
	assert fw deny smtp from dirty to clean;
}

# On a proxy based firewall (guide 2-13, Raptor): the relay runs on the
# firewall, whose SMTP proxy is disabled "so that MAILsweeper can take
# its place" (declare `smtp-proxy off;` in the firewall: mgc makes it an
# error otherwise).  Step 4: the gateway forwards outgoing mail to the
# firewall.
template mailsweeper-firewall-proxy(fw, gateway, maildomain, dirty = dirty, clean = clean) {
	relay fw {
		# step 5: "Add a route for your domain to the gateway host."
		route maildomain -> gateway;
		route *.* -> dns;
	}
	policy fw {
		allow smtp from dirty to self comment "incoming mail to MAILsweeper";
		allow smtp from gateway to self comment "step 4: the gateway forwards outgoing mail to the firewall";
		allow smtp from self to gateway comment "step 5: incoming mail to the gateway";
		allow smtp from self to dirty comment "outgoing mail";
		deny smtp from any to any log comment "all SMTP through MAILsweeper";
	}
	assert fw allow smtp from gateway to self;
	assert fw allow smtp from dirty to self;
	assert fw deny smtp from clean to dirty;
	assert fw deny smtp from dirty to clean;
}

# On the SMTP gateway (guide 2-15): MAILsweeper takes port 25 on the
# gateway, whose own MTA moves to a free port (step 4: "This must be a
# port that is not allocated to any other service ... For example, you
# might allocate 20025"; mgc checks it against the services and
# --services-file).  Step 6: the gateway forwards all outgoing mail to
# localhost.  Step 7: own domain to the moved port (moved-port); "If the gateway is
# inside a proxy based firewall, a MAILsweeper routing entry should be
# added, to ensure that mail for all other domains goes via the
# firewall."
template mailsweeper-gateway(fw, gateway, maildomain, moved-port = 20025, proxy = false,
			     dirty = dirty, clean = clean) {
	if proxy {
		relay gateway {
			route maildomain -> localhost port moved-port;
			route *.* -> fw;
		}
		policy fw {
			allow smtp from dirty to self comment "incoming mail to the SMTP proxy";
			allow smtp from self to gateway comment "the SMTP proxy delivers to MAILsweeper on the gateway";
			allow smtp from gateway to self comment "step 7: other domains via the firewall";
			allow smtp from self to dirty comment "the SMTP proxy delivers outgoing mail";
			deny smtp from any to any log comment "all SMTP through MAILsweeper";
		}
		assert fw allow smtp from self to gateway;
		assert fw allow smtp from gateway to self;
		assert fw deny smtp from dirty to clean;
		assert fw deny smtp from clean to dirty;
	} else {
		relay gateway {
			route maildomain -> localhost port moved-port;
			route *.* -> dns;
		}
		policy fw {
			allow smtp from dirty to gateway comment "incoming mail to MAILsweeper on the gateway";
			allow smtp from gateway to dirty comment "outgoing mail from MAILsweeper";
			deny smtp from any to any log comment "all SMTP through MAILsweeper";
		}
		assert fw allow smtp from dirty to gateway;
		assert fw allow smtp from gateway to dirty;
	}
}

# On the DMZ (guide 2-18).  Step 5: "For a packet based firewall, add a
# route for your own domain to the gateway machine.  For a proxy based
# firewall, add a route for your domain to the gateway host and a route
# for all other domains to the firewall."
template mailsweeper-dmz(fw, ms, gateway, maildomain, proxy = false,
			 dirty = dirty, clean = clean, dmz = dmz) {
	if proxy {
		relay ms {
			route maildomain -> gateway;
			route *.* -> fw;
		}
		policy fw {
			allow smtp from dirty to self comment "incoming mail to the SMTP proxy";
			allow smtp from self to ms comment "step 6: incoming SMTP only to MAILsweeper";
			allow smtp from ms to self comment "step 6: outgoing SMTP only from MAILsweeper";
			allow smtp from self to dirty comment "the SMTP proxy delivers outgoing mail";
			allow smtp from ms to gateway comment "step 5: incoming mail to the gateway";
			allow smtp from gateway to ms comment "step 4: outgoing mail to MAILsweeper";
			deny smtp from any to any log comment "step 6: secure the firewall";
		}
		# step 6: "Outgoing SMTP can only come from the MAILsweeper host."
		assert fw allow smtp from ms to self;
		assert fw deny smtp from gateway to self;
		assert fw deny smtp from clean to dirty;
		# step 6: "Incoming SMTP can only go to the MAILsweeper host."
		assert fw allow smtp from self to ms;
		assert fw deny smtp from self to clean;
		assert fw deny smtp from dirty to clean;
	} else {
		relay ms {
			route maildomain -> gateway;
			route *.* -> dns;
		}
		policy fw {
			allow smtp from dirty to ms comment "step 6: incoming SMTP only to MAILsweeper";
			allow smtp from ms to dirty comment "step 6: outgoing SMTP only from MAILsweeper";
			allow smtp from ms to gateway comment "step 5: incoming mail to the gateway";
			allow smtp from gateway to ms comment "step 4: outgoing mail to MAILsweeper";
			deny smtp from any to any log comment "step 6: secure the firewall";
		}
		# step 6: "Outgoing SMTP can only come from the MAILsweeper host."
		assert fw allow smtp from ms to dirty;
		assert fw deny smtp from clean to dirty;
		# step 6: "Incoming SMTP can only go to the MAILsweeper host."
		assert fw allow smtp from dirty to ms;
		assert fw deny smtp from dirty to clean;
	}
}

# With MIMEsweeper for FireWall-1 (guide 2-21), used beside one of the
# placements above.  Step 1, "Disable SMTP checking in MIMEsweeper for
# FireWall-1", is the firewall's declaration: `content-security
# mimesweeper { protocols http, ftp; }` without smtp (mgc makes smtp
# there an error while a relay handles the mail).  Step 2, "modify the
# security policy so that it does not forward SMTP data to MIMEsweeper
# for FireWall-1": the firewall reaches the CVP server (cvp) for the
# other protocols only.
template mailsweeper-mimesweeper-fw1(fw, cvp) {
	policy fw {
		allow fw1-cvp from self to cvp comment "MIMEsweeper for FireWall-1 keeps the other protocols (CVP)";
	}
	assert fw allow fw1-cvp from self to cvp;
	assert fw deny smtp from self to cvp;
}

# Using a dial-up connection (guide 2-22): the relay dials the ISP at
# intervals (step 5: a Dial-Up Networking phone-book entry; step 6: the
# SMTP dial-up connection).  "If required, you can configure the routing
# such that all outgoing mail is routed to your ISP's mail server":
# via-isp = true routes *.* to isp, false leaves it to DNS.
template mailsweeper-dialup(ms, gateway, maildomain, entry, isp, every = 30m,
			    via-isp = true) {
	relay ms {
		route maildomain -> gateway;
		dialup {
			phonebook entry;
			interval every;
			smarthost isp;
		}
	}
	if via-isp {
		relay ms {
			route *.* -> isp;
		}
	} else {
		relay ms {
			route *.* -> dns;
		}
	}
}
