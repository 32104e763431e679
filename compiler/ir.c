/*
 * Small IR helpers.  See ir.h.
 */
#include "ir.h"

#include <string.h>

#include "util.h"

const char *ir_action_name(enum ir_action a)
{
	switch (a) {
	case IR_ALLOW: return "allow";
	case IR_DENY: return "deny";
	case IR_REJECT: return "reject";
	}
	BUG("unknown action %d", (int)a);
}

const char *ir_proto_name(uint8_t proto)
{
	switch (proto) {
	case IR_TCP: return "tcp";
	case IR_UDP: return "udp";
	}
	BUG("unknown protocol %u", (unsigned)proto);
}

const char *ir_hop_kind_name(enum ir_hop_kind k)
{
	switch (k) {
	case HOP_HOST: return "host";
	case HOP_FIREWALL: return "firewall";
	case HOP_DNS: return "dns";
	case HOP_LOCALHOST: return "localhost";
	case HOP_EXTERNAL: return "external";
	}
	BUG("unknown hop kind %d", (int)k);
}

const struct ir_firewall *ir_find_firewall(const struct ir_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nr_firewalls; i++)
		if (strcmp(m->firewalls[i].name, name) == 0)
			return &m->firewalls[i];
	return NULL;
}

const struct ir_host *ir_find_host(const struct ir_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nr_hosts; i++)
		if (strcmp(m->hosts[i].name, name) == 0)
			return &m->hosts[i];
	return NULL;
}

const struct ir_relay *ir_find_relay(const struct ir_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nr_relays; i++)
		if (strcmp(m->relays[i].name, name) == 0)
			return &m->relays[i];
	return NULL;
}

const struct ir_profile *ir_find_profile(const struct ir_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nr_profiles; i++)
		if (strcmp(m->profiles[i].name, name) == 0)
			return &m->profiles[i];
	return NULL;
}
