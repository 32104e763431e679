/*
 * `assert FIREWALL allow|deny SERVICES from A to B;`: proved over every
 * packet of the class, or refuted with a counter-example packet and
 * the rule that decides it (or the default deny).  `deny` means "not
 * allowed": a deny or a reject rule, or the default, satisfies it.
 * The class is walked through the policy with the engine of space.c,
 * stopping at the first part decided against the assertion.  An
 * assertion whose class is empty for its firewall (no reached zone)
 * holds vacuously.
 */
#include "analyze.h"

#include <stdlib.h>

#include "space.h"

struct assert_ctx {
	const struct ir_firewall *fw;
	enum ir_action want;
	struct space_box part;
	size_t rule;
};

static int against(void *ctx, const struct space_box *part, size_t rule)
{
	struct assert_ctx *c = ctx;
	enum ir_action got = rule == SPACE_DEFAULT ? IR_DENY : c->fw->rules[rule].action;

	if ((c->want == IR_ALLOW) == (got == IR_ALLOW))
		return 0;
	c->part = *part;
	c->rule = rule;
	return 1;
}

static const char *verb(enum ir_action a)
{
	switch (a) {
	case IR_ALLOW: return "allows";
	case IR_DENY: return "drops";
	case IR_REJECT: return "rejects";
	}
	return "decides";
}

void analyze_asserts(const struct ir_model *m, struct diag_sink *d, const struct analyze_opts *o)
{
	struct space **spaces;
	size_t i;

	(void)o;
	if (!m->nr_asserts)
		return;
	spaces = xcalloc(m->nr_firewalls ? m->nr_firewalls : 1, sizeof(*spaces));
	for (i = 0; i < m->nr_asserts; i++) {
		const struct ir_assert *a = &m->asserts[i];
		struct space_region r = SPACE_REGION_INIT;
		struct assert_ctx c;
		struct space *s;

		if (!a->fw)
			continue;
		if (!spaces[a->fw->index])
			spaces[a->fw->index] = space_build(a->fw);
		s = spaces[a->fw->index];
		space_region_add(s, &a->src, &a->dst, a->match, a->nr_match, &r);
		c.fw = a->fw;
		c.want = a->action == IR_ALLOW ? IR_ALLOW : IR_DENY;
		if (space_walk(s, &r, 0, a->fw->nr_rules, against, &c, NULL)) {
			enum ir_action got = c.rule == SPACE_DEFAULT ? IR_DENY :
					     a->fw->rules[c.rule].action;
			char pkt[PACKET_STRLEN];
			struct packet w;
			struct diag *dg;

			space_box_packet(s, &c.part, &w);
			dg = diag_error(d, DIAG_ASSERT, a->at,
					"assertion refuted: firewall '%s' %s %s (change the policy "
					"or the assertion)", a->fw->name, verb(got), packet_format(&w, pkt));
			if (c.rule == SPACE_DEFAULT)
				diag_note(dg, SPAN_NONE, "no rule matches it: the default deny decides");
			else
				diag_note(dg, a->fw->rules[c.rule].at, "rule %zu (%s) decides it",
					  c.rule + 1, ir_action_name(got));
		}
		space_region_release(&r);
	}
	for (i = 0; i < m->nr_firewalls; i++)
		space_free(spaces[i]);
	free(spaces);
}
