/*
 * Shadowed and redundant rules, exactly (see space.h for the model).
 *
 * Definitions, for rule i of a policy with match space R(i) and E(i)
 * the union of the match spaces of rules 0 .. i-1:
 *
 *   shadowed   R(i) is not empty and R(i) ⊆ E(i): the rule never
 *              decides a packet.  An error.  The earlier rules that
 *              were needed to cover it are named (a covering set, not
 *              necessarily the smallest one), with whether any of them
 *              has a different action, and a witness packet.
 *   redundant  not shadowed, and for every packet of R(i) \ E(i) (the
 *              packets rule i decides) the first later rule that
 *              matches it, or the default deny when none does, has the
 *              same action as rule i; deny and reject are different
 *              actions, and the default is deny.  Removing the rule
 *              changes no verdict.  A warning, with a witness packet
 *              the rule decides and what would decide it without the
 *              rule.  A rule with `log` is never redundant (removing it
 *              would lose the log), and each rule is judged alone:
 *              removing two redundant rules together may change
 *              verdicts.
 *
 * A rule whose match space is empty for this firewall (its places are
 * not reached, or its families do not meet) is left alone here.
 *
 * Algorithm.  Redundancy is tested as D(i) ⊆ E(i), where D(i) are the
 * packets of R(i) that the later rules (and the default) decide
 * differently from rule i; D(i) is found by walking R(i) through the
 * later rules, stopping at the first part not covered by E(i).  Both
 * questions use the indexed engine of space.c, so each rule looks only
 * at the rules that can intersect it.
 */
#include "analyze.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "space.h"

#define MAX_COVER_NOTES 8

struct redundant_ctx {
	const struct space *s;
	const struct ir_firewall *fw;
	size_t i;
	enum ir_action action;
};

static enum ir_action verdict(const struct ir_firewall *fw, size_t rule)
{
	return rule == SPACE_DEFAULT ? IR_DENY : fw->rules[rule].action;
}

/* Stops (1) at a part decided differently that earlier rules do not cover. */
static int differs_uncovered(void *ctx, const struct space_box *part, size_t rule)
{
	struct redundant_ctx *c = ctx;
	struct space_region one;
	struct space_box b = *part;

	if (verdict(c->fw, rule) == c->action)
		return 0;
	one.items = &b;
	one.nr = one.alloc = 1;
	return !space_covered(c->s, &one, 0, c->i, NULL, NULL);
}

static int first_rule(void *ctx, const struct space_box *part, size_t rule)
{
	(void)part;
	*(size_t *)ctx = rule;
	return 1;
}

/* The rule among [from, to) deciding p (SPACE_DEFAULT: none). */
static size_t decide_in(const struct space *s, const struct packet *p, size_t from, size_t to)
{
	struct space_box b;
	struct space_region one;
	size_t rule = SPACE_DEFAULT;

	if (!space_packet_box(s, p, &b))
		return SPACE_DEFAULT;
	one.items = &b;
	one.nr = one.alloc = 1;
	space_walk(s, &one, from, to, first_rule, &rule, NULL);
	return rule;
}

static void rule_list(char *buf, size_t size, const struct space_rules *cover)
{
	size_t k, n = cover->nr, shown = n > 5 ? 4 : n;
	int len = 0;

	buf[0] = '\0';
	for (k = 0; k < shown && len >= 0 && (size_t)len < size; k++)
		len += snprintf(buf + len, size - (size_t)len, "%s%zu",
				k == 0 ? "" : (k + 1 == n ? " and " : ", "), cover->items[k] + 1);
	if (shown < n && len >= 0 && (size_t)len < size)
		snprintf(buf + len, size - (size_t)len, " and %zu more", n - shown);
}

static void report_shadowed(struct diag_sink *d, const struct space *s,
			    const struct ir_firewall *fw, size_t i, const struct space_region *r,
			    const struct space_rules *cover)
{
	const struct ir_rule *rule = &fw->rules[i];
	const struct ir_rule *other = NULL;
	char list[128], pkt[PACKET_STRLEN];
	struct packet w;
	struct diag *dg;
	size_t k, j;

	for (k = 0; k < cover->nr && !other; k++)
		if (fw->rules[cover->items[k]].action != rule->action)
			other = &fw->rules[cover->items[k]];
	rule_list(list, sizeof(list), cover);
	if (cover->nr == 1)
		dg = diag_error(d, DIAG_SHADOWED, rule->at,
				"rule %zu can never match: rule %s matches all its packets%s (%s)",
				i + 1, list, other ? ", with a different action" : "",
				other ? "remove it, or move it above that rule" : "remove it");
	else if (other)
		dg = diag_error(d, DIAG_SHADOWED, rule->at,
				"rule %zu can never match: rules %s together match all its packets, "
				"rule %zu with a different action (remove it, or move it above them)",
				i + 1, list, other->index + 1);
	else
		dg = diag_error(d, DIAG_SHADOWED, rule->at,
				"rule %zu can never match: rules %s together match all its packets "
				"(remove it)", i + 1, list);
	for (k = 0; k < cover->nr && k < MAX_COVER_NOTES; k++) {
		const struct ir_rule *c = &fw->rules[cover->items[k]];

		diag_note(dg, c->at, "rule %zu (%s) %s", c->index + 1, ir_action_name(c->action),
			  cover->nr == 1 ? "covers it" : "covers part of it");
	}
	space_region_packet(s, r, &w);
	j = decide_in(s, &w, 0, i);
	if (j != SPACE_DEFAULT)
		diag_note(dg, SPAN_NONE, "for example, %s is decided by rule %zu (%s)",
			  packet_format(&w, pkt), j + 1, ir_action_name(fw->rules[j].action));
}

static void report_redundant(struct diag_sink *d, const struct space *s,
			     const struct ir_firewall *fw, size_t i, const struct packet *w)
{
	const struct ir_rule *rule = &fw->rules[i];
	char pkt[PACKET_STRLEN];
	struct diag *dg;
	size_t j = decide_in(s, w, i + 1, fw->nr_rules);

	dg = diag_warning(d, DIAG_REDUNDANT, rule->at,
			  "rule %zu is redundant: without it every packet it decides gets the same "
			  "verdict (remove it, or add 'log' if it is there to be logged)", i + 1);
	packet_format(w, pkt);
	if (j == SPACE_DEFAULT)
		diag_note(dg, SPAN_NONE, "for example, %s is %s by this rule, and by the default "
			  "deny without it", pkt, rule->action == IR_ALLOW ? "allowed" : "denied");
	else
		diag_note(dg, fw->rules[j].at, "for example, %s is decided by this rule, and by "
			  "rule %zu (%s) without it", pkt, j + 1, ir_action_name(fw->rules[j].action));
}

static void check_rule(struct diag_sink *d, const struct space *s, const struct ir_firewall *fw,
		       size_t i)
{
	struct space_region r = SPACE_REGION_INIT;
	struct space_rules cover = { NULL, 0, 0 };
	struct packet w;

	space_rule_region(s, i, &r);
	if (space_region_empty(&r))
		goto out;
	if (space_covered(s, &r, 0, i, &w, &cover)) {
		report_shadowed(d, s, fw, i, &r, &cover);
		goto out;
	}
	/*
	 * Fast path: the witness is a packet rule i decides; when the later
	 * rules decide it differently, the rule is not redundant.
	 */
	if (!fw->rules[i].log && verdict(fw, decide_in(s, &w, i + 1, fw->nr_rules)) ==
	    fw->rules[i].action) {
		struct redundant_ctx c;

		c.s = s;
		c.fw = fw;
		c.i = i;
		c.action = fw->rules[i].action;
		if (!space_walk(s, &r, i + 1, fw->nr_rules, differs_uncovered, &c, NULL))
			report_redundant(d, s, fw, i, &w);
	}
out:
	space_region_release(&r);
	free(cover.items);
}

void analyze_shadow(const struct ir_model *m, struct diag_sink *d, const struct analyze_opts *o)
{
	size_t f, i;

	(void)o;
	for (f = 0; f < m->nr_firewalls; f++) {
		const struct ir_firewall *fw = &m->firewalls[f];
		struct space *s;

		if (!fw->nr_rules)
			continue;
		s = space_build(fw);
		for (i = 0; i < fw->nr_rules; i++)
			check_rule(d, s, fw, i);
		space_free(s);
	}
}
