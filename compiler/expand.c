/*
 * Template expansion.  See expand.h.
 */
#include "expand.h"

#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "diag.h"
#include "symtab.h"
#include "util.h"

struct expander {
	struct arena *a;
	struct diag_sink *d;
	struct symtab templates;
	struct ast_decl *head, **tail;
	size_t nr_uses;		/* expansions so far, against EXPAND_MAX_USES */
	int over_budget;	/* reported once */
};

static void emit_decl(struct expander *x, struct ast_decl *d)
{
	d->next = NULL;
	*x->tail = d;
	x->tail = &d->next;
}

static void expand_list(struct expander *x, const struct ast_decl *list,
			const struct ast_binding *b, size_t nb, const struct ast_decl *tmpl,
			const struct ast_decl *use, unsigned depth);

static const struct ast_word *binding_value(const struct ast_binding *b, size_t nb,
					    const char *name)
{
	size_t i;

	for (i = 0; i < nb; i++)
		if (strcmp(b[i].name, name) == 0)
			return b[i].value;
	return NULL;
}

static void note_use(struct diag *dg, const struct ast_decl *tmpl, const struct ast_decl *use)
{
	if (tmpl && use)
		diag_note(dg, use->at, "in template '%s' used here", tmpl->name->text);
}

/* 1 true, 0 false, -1 error (reported). */
static int eval_cond(struct expander *x, const struct ast_decl *d, const struct ast_binding *b,
		     size_t nb, const struct ast_decl *tmpl, const struct ast_decl *use)
{
	const struct ast_word *v = binding_value(b, nb, d->name->text);
	struct diag *dg;

	if (!v) {
		dg = diag_error(x->d, DIAG_TEMPLATE, d->name->at,
				"unknown template parameter '%s' in condition", d->name->text);
		note_use(dg, tmpl, use);
		return -1;
	}
	switch (d->cond_op) {
	case COND_TRUE:
	case COND_NOT:
		if (strcmp(v->text, "true") != 0 && strcmp(v->text, "false") != 0) {
			dg = diag_error(x->d, DIAG_TEMPLATE, v->at,
					"parameter '%s' is '%s', not true or false "
					"(use '%s == value' to compare)",
					d->name->text, v->text, d->name->text);
			note_use(dg, tmpl, use);
			return -1;
		}
		return (strcmp(v->text, "true") == 0) == (d->cond_op == COND_TRUE);
	case COND_EQ:
		return strcmp(v->text, d->cond_value->text) == 0;
	case COND_NE:
		return strcmp(v->text, d->cond_value->text) != 0;
	}
	return -1;
}

static size_t count_params(const struct ast_param *p)
{
	size_t n = 0;

	for (; p; p = p->next)
		n++;
	return n;
}

static void expand_use(struct expander *x, const struct ast_decl *use,
		       const struct ast_binding *outer, size_t nouter,
		       const struct ast_decl *outer_tmpl, const struct ast_decl *outer_use,
		       unsigned depth)
{
	const struct sym *s = symtab_find(&x->templates, use->name->text);
	const struct ast_decl *t;
	const struct ast_param *p, *a;
	struct ast_binding *b;
	size_t np, i, pos = 0;
	struct diag *dg;
	int bad = 0;

	if (!s) {
		const char *sug = symtab_suggest(&x->templates, use->name->text, 0);

		dg = diag_error(x->d, DIAG_UNKNOWN_NAME, use->name->at,
				sug ? "unknown template '%s' (did you mean '%s'?)"
				    : "unknown template '%s'%s",
				use->name->text, sug ? sug : "");
		note_use(dg, outer_tmpl, outer_use);
		return;
	}
	t = s->decl;
	if (x->over_budget)
		return;
	if (++x->nr_uses > EXPAND_MAX_USES) {
		x->over_budget = 1;
		diag_error(x->d, DIAG_LIMIT, use->at,
			   "more than %d template expansions (do templates use each other in a loop?)",
			   EXPAND_MAX_USES);
		return;
	}
	if (depth >= EXPAND_MAX_DEPTH) {
		x->over_budget = 1;	/* one report, not one per path */
		dg = diag_error(x->d, DIAG_TEMPLATE, use->at,
				"templates nested more than %d deep (is template '%s' using itself?)",
				EXPAND_MAX_DEPTH, t->name->text);
		return;
	}
	np = count_params(t->params);
	b = xcalloc(np ? np : 1, sizeof(*b));
	for (p = t->params, i = 0; p; p = p->next, i++)
		b[i].name = p->name->text;

	for (a = use->params; a; a = a->next) {
		const struct ast_word *src = a->value;
		struct ast_word *copy = arena_memdup(x->a, src, sizeof(*src));

		copy->next = NULL;
		/* An argument may itself be a parameter of the enclosing template. */
		if (copy->kind == WORD_NAME) {
			const struct ast_word *ov = binding_value(outer, nouter, copy->text);

			if (ov) {
				copy->kind = ov->kind;
				copy->text = ov->text;
				copy->at = ov->at;
			}
		}
		if (a->name) {
			for (p = t->params, i = 0; p; p = p->next, i++)
				if (strcmp(p->name->text, a->name->text) == 0)
					break;
			if (!p) {
				const char **cands = xmalloc((np ? np : 1) * sizeof(*cands));
				const char *sug;

				for (i = 0; i < np; i++)
					cands[i] = b[i].name;
				sug = diag_suggest(a->name->text, cands, np);
				dg = diag_error(x->d, DIAG_TEMPLATE, a->name->at,
						sug ? "template '%s' has no parameter '%s' (did you mean '%s'?)"
						    : "template '%s' has no parameter '%s'%s",
						t->name->text, a->name->text, sug ? sug : "");
				diag_note(dg, t->name->at, "template '%s' is declared here", t->name->text);
				free(cands);
				bad = 1;
				continue;
			}
		} else {
			i = pos++;
			if (i >= np) {
				dg = diag_error(x->d, DIAG_TEMPLATE, a->at,
						"too many arguments to template '%s' (it takes %zu)",
						t->name->text, np);
				diag_note(dg, t->name->at, "template '%s' is declared here", t->name->text);
				bad = 1;
				continue;
			}
		}
		if (b[i].value) {
			dg = diag_error(x->d, DIAG_TEMPLATE, a->at,
					"parameter '%s' of template '%s' is given twice",
					b[i].name, t->name->text);
			bad = 1;
			continue;
		}
		b[i].value = copy;
	}
	for (p = t->params, i = 0; p; p = p->next, i++) {
		if (b[i].value)
			continue;
		if (p->value) {
			b[i].value = p->value;
			continue;
		}
		dg = diag_error(x->d, DIAG_TEMPLATE, use->at,
				"missing argument for parameter '%s' of template '%s'",
				b[i].name, t->name->text);
		diag_note(dg, p->at, "parameter '%s' is declared here", b[i].name);
		bad = 1;
	}
	if (!bad)
		expand_list(x, t->body, b, np, t, use, depth + 1);
	free(b);
}

static void expand_list(struct expander *x, const struct ast_decl *list,
			const struct ast_binding *b, size_t nb, const struct ast_decl *tmpl,
			const struct ast_decl *use, unsigned depth)
{
	const struct ast_decl *d;

	for (d = list; d; d = d->next) {
		struct ast_decl *copy;
		struct diag *dg;
		int r;

		switch (d->kind) {
		case AST_TEMPLATE:
			dg = diag_error(x->d, DIAG_TEMPLATE, d->kw_at,
					"template '%s' is declared inside a template "
					"(declare templates at the top level)", d->name->text);
			note_use(dg, tmpl, use);
			break;
		case AST_IF:
			if (!tmpl) {
				diag_error(x->d, DIAG_TEMPLATE, d->kw_at,
					   "'if' outside a template (conditions test template parameters)");
				break;
			}
			r = eval_cond(x, d, b, nb, tmpl, use);
			if (r > 0)
				expand_list(x, d->body, b, nb, tmpl, use, depth);
			else if (r == 0)
				expand_list(x, d->else_body, b, nb, tmpl, use, depth);
			break;
		case AST_USE:
			expand_use(x, d, b, nb, tmpl, use, depth);
			break;
		case AST_ERROR: {
			/* A parameter may carry the message; substitute it. */
			const struct ast_word *msg = d->w;

			if (msg->kind == WORD_NAME) {
				const struct ast_word *v = binding_value(b, nb, msg->text);

				if (v)
					msg = v;
			}
			dg = diag_error(x->d, DIAG_TEMPLATE, d->at, "%s", msg->text);
			note_use(dg, tmpl, use);
			break;
		}
		default:
			copy = ast_decl_clone(x->a, d, b, nb);
			copy->from_template = tmpl->name->text;
			copy->use_at = use->at;
			copy->from_stdlib = d->from_stdlib;
			emit_decl(x, copy);
			break;
		}
	}
}

struct ast_decl *expand_templates(struct arena *a, struct diag_sink *d, struct ast_decl *decls)
{
	struct expander x = { a, d, SYMTAB_INIT, NULL, NULL, 0, 0 };
	struct ast_decl *it, *next;
	struct ast_decl *top = NULL, **ttail = &top;

	x.tail = &x.head;
	/* Collect the templates first: declarations are order-independent. */
	for (it = decls; it; it = next) {
		next = it->next;
		if (it->kind == AST_TEMPLATE) {
			int found;
			struct sym *s = symtab_insert(&x.templates, it->name->text, &found);

			if (found) {
				struct diag *dg = diag_error(d, DIAG_DUPLICATE_NAME, it->name->at,
							     "duplicate template '%s'", it->name->text);
				diag_note(dg, ((const struct ast_decl *)s->decl)->name->at,
					  "first declared here");
				continue;
			}
			s->decl = it;
			continue;
		}
		*ttail = it;
		ttail = &it->next;
	}
	*ttail = NULL;
	/* Top-level declarations are moved, not copied. */
	for (it = top; it; it = next) {
		next = it->next;
		it->next = NULL;
		if (it->kind == AST_USE || it->kind == AST_IF || it->kind == AST_ERROR)
			expand_list(&x, it, NULL, 0, NULL, NULL, 0);
		else
			emit_decl(&x, it);
	}
	symtab_release(&x.templates);
	return x.head;
}
