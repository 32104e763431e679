/*
 * Host firewall profile checks (Sophos Client Firewall, the PureMessage
 * article: ../shared/seeds/000_4e77a9521c7ee0a2.txt).
 *
 *   - program and process paths that cannot be Windows paths;
 *   - contradicting rules of one application (one allows what another
 *     denies), and exact repeats;
 *   - two applications of one profile naming the same program;
 *   - a profile on a host declared `platform server` ("Sophos Client
 *     Firewall does not support server platforms");
 *   - notes for the steps the article requires and a profile cannot
 *     express: apply the rules before the installation, IDriver.exe must
 *     exist before its rule can be added, restart IIS after applying.
 *
 * Unknown services and a service used with the wrong protocol are
 * reported by the lowering, before analyses run.
 *
 * NEEDSWORK: "a full installation with a local database must use
 * interactive mode unless SQL Server (or MSDE) is already present"
 * cannot be seen in the IR (nothing records which installation a
 * profile is for); stdlib/puremessage.mg enforces it in the template
 * until the language has a way to say it (see the issue note).
 */
#include "analyze.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../util.h"

/* ---- Windows paths ---- */

/*
 * The usual-location variables of Windows (the article's "usual
 * location C:\[Windows]\system32" is %SystemRoot%\system32).  Any other
 * syntactically valid %NAME% is accepted; one within two edits of these
 * is reported as a likely typo.
 */
static const char *const known_vars[] = {
	"SystemRoot", "windir", "SystemDrive",
	"ProgramFiles", "ProgramFiles(x86)", "ProgramW6432",
	"CommonProgramFiles", "CommonProgramFiles(x86)", "CommonProgramW6432",
	"ProgramData", "ALLUSERSPROFILE", "PUBLIC",
	"USERPROFILE", "APPDATA", "LOCALAPPDATA", "HOMEDRIVE", "HOMEPATH",
	"TEMP", "TMP",
};

/* Device names Windows reserves in every directory, with or without an extension. */
static const char *const reserved_names[] = {
	"CON", "PRN", "AUX", "NUL",
	"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
	"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
};

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_sep(int c)
{
	return c == '\\' || c == '/';
}

/* Case-insensitive comparison of s[0..n-1] with the whole of word. */
static int word_eq(const char *s, size_t n, const char *word)
{
	size_t i;

	if (strlen(word) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)word[i]))
			return 0;
	return 1;
}

/* The file name of a path: what follows the last separator. */
static const char *base_name(const char *path)
{
	const char *b = path, *p;

	for (p = path; *p; p++)
		if (is_sep((unsigned char)*p))
			b = p + 1;
	return b;
}

static int base_is(const char *path, const char *name)
{
	const char *b = base_name(path);

	return word_eq(b, strlen(b), name);
}

struct path_check {
	struct diag_sink *d;
	struct span at;
	const char *path;
	const char *what;	/* "application 'svchost'" or "process" */
};

/* A variable name %...%: no '=', no control characters, not empty. */
static void check_var(struct path_check *pc, const char *name, size_t n)
{
	const char *sug;
	char buf[64];
	size_t i;

	for (i = 0; i < countof(known_vars); i++)
		if (word_eq(name, n, known_vars[i]))
			return;
	if (n >= sizeof(buf))
		return;
	memcpy(buf, name, n);
	buf[n] = '\0';
	sug = diag_suggest(buf, known_vars, countof(known_vars));
	if (sug)
		diag_warning(pc->d, DIAG_PROFILE, pc->at,
			     "unknown variable '%%%s%%' in the path of %s (did you mean '%%%s%%'?)",
			     buf, pc->what, sug);
}

/* One component between separators: s[0..n-1]. */
static int check_component(struct path_check *pc, const char *s, size_t n)
{
	size_t i, stem = n;

	if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	if (s[n - 1] == '.' || s[n - 1] == ' ') {
		diag_error(pc->d, DIAG_PROFILE, pc->at,
			   "path of %s has a name ending with %s, which Windows strips "
			   "(remove the trailing %s)", pc->what,
			   s[n - 1] == '.' ? "a dot" : "a space", s[n - 1] == '.' ? "dot" : "space");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (s[i] == '.') {
			stem = i;
			break;
		}
	for (i = 0; i < countof(reserved_names); i++)
		if (word_eq(s, stem, reserved_names[i])) {
			diag_error(pc->d, DIAG_PROFILE, pc->at,
				   "path of %s uses the reserved device name '%.*s' "
				   "(Windows files cannot be called that)", pc->what, (int)n, s);
			return -1;
		}
	return 0;
}

/*
 * A path a Windows program can have: absolute (drive, UNC share or a
 * leading %VARIABLE%), no characters Windows forbids in names, no
 * controls, no misplaced ':', names a file.
 */
static void check_path(struct path_check *pc)
{
	const unsigned char *p = (const unsigned char *)pc->path;
	size_t len = strlen(pc->path), i, start;
	int absolute = 0;

	if (len == 0) {
		diag_error(pc->d, DIAG_PROFILE, pc->at,
			   "empty path for %s (write the program's full path, for example "
			   "'%%SystemRoot%%\\system32\\svchost.exe')", pc->what);
		return;
	}
	for (i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f) {
			diag_error(pc->d, DIAG_PROFILE, pc->at,
				   "path of %s contains the control character U+%04X "
				   "(Windows paths cannot contain control characters)",
				   pc->what, (unsigned)p[i]);
			return;
		}
		if (strchr("<>\"|?*", p[i])) {
			diag_error(pc->d, DIAG_PROFILE, pc->at,
				   "path of %s contains '%c', which Windows paths cannot contain "
				   "(remove it)", pc->what, p[i]);
			return;
		}
		if (p[i] == ':' && i != 1) {
			diag_error(pc->d, DIAG_PROFILE, pc->at,
				   "path of %s contains ':' after its start (only a drive "
				   "letter is followed by ':', as in 'C:\\')", pc->what);
			return;
		}
	}
	/* Variables: %NAME% pairs. */
	for (i = 0; i < len; i++) {
		size_t j;

		if (p[i] != '%')
			continue;
		for (j = i + 1; j < len && p[j] != '%'; j++)
			;
		if (j == len) {
			diag_error(pc->d, DIAG_PROFILE, pc->at,
				   "path of %s has an unpaired '%%' (write variables as "
				   "%%NAME%%, for example '%%ProgramFiles%%')", pc->what);
			return;
		}
		if (j == i + 1 || memchr(p + i + 1, '=', j - i - 1) ||
		    memchr(p + i + 1, '\\', j - i - 1) || memchr(p + i + 1, '/', j - i - 1)) {
			diag_error(pc->d, DIAG_PROFILE, pc->at,
				   "path of %s has '%.*s', which is not a variable (write "
				   "variables as %%NAME%%, for example '%%ProgramFiles%%')",
				   pc->what, (int)(j - i + 1), pc->path + i);
			return;
		}
		check_var(pc, pc->path + i + 1, j - i - 1);
		i = j;
	}
	/* Absolute: C:\..., \\server\share\..., or %VARIABLE%... */
	if (is_alpha(p[0]) && len >= 2 && p[1] == ':') {
		if (len < 3 || !is_sep(p[2])) {
			diag_error(pc->d, DIAG_PROFILE, pc->at,
				   "path of %s is relative to the current directory of drive "
				   "'%c:' (write '%c:\\' and the full path)", pc->what, p[0], p[0]);
			return;
		}
		absolute = 1;
		start = 3;
	} else if (is_sep(p[0]) && len >= 2 && is_sep(p[1])) {
		size_t server, share;

		for (server = 2; server < len && !is_sep(p[server]); server++)
			;
		for (share = server + 1; share < len && !is_sep(p[share]); share++)
			;
		if (server == 2 || server >= len || share == server + 1) {
			diag_error(pc->d, DIAG_PROFILE, pc->at,
				   "path of %s is an incomplete UNC path (write "
				   "'\\\\server\\share\\' and the path on the share)", pc->what);
			return;
		}
		absolute = 1;
		start = share;
	} else if (p[0] == '%') {
		absolute = 1;
		start = (size_t)(strchr(pc->path + 1, '%') - pc->path) + 1;
	} else {
		start = 0;
	}
	if (!absolute) {
		diag_error(pc->d, DIAG_PROFILE, pc->at,
			   "path of %s is relative (start it with a drive such as 'C:\\', "
			   "a share such as '\\\\server\\share\\' or a variable such as "
			   "'%%SystemRoot%%')", pc->what);
		return;
	}
	if (is_sep(p[len - 1])) {
		diag_error(pc->d, DIAG_PROFILE, pc->at,
			   "path of %s ends with '%c': it names a folder, not a program "
			   "(add the program's file name)", pc->what, p[len - 1]);
		return;
	}
	for (i = start; i <= len; i++) {
		size_t j;

		for (j = i; j < len && !is_sep(p[j]); j++)
			;
		if (check_component(pc, pc->path + i, j - i))
			return;
		i = j;
	}
	if (strstr(pc->path, "[Windows]") || strstr(pc->path, "[windows]"))
		diag_warning(pc->d, DIAG_PROFILE, pc->at,
			     "path of %s contains '[Windows]', the article's placeholder for "
			     "the Windows folder (write '%%SystemRoot%%' instead)", pc->what);
}

/* ---- contradicting rules ---- */

/* Every port of b is in a (a with no ports: any port). */
static int ports_cover(const struct ir_port_ref *a, size_t na,
		       const struct ir_port_ref *b, size_t nb)
{
	size_t i, k;

	if (na == 0)
		return 1;
	if (nb == 0)
		return 0;
	for (i = 0; i < nb; i++) {
		uint32_t cur = b[i].lo;
		int moved = 1;

		while (cur <= b[i].hi && moved) {
			moved = 0;
			for (k = 0; k < na; k++)
				if (a[k].lo <= cur && cur <= a[k].hi) {
					cur = (uint32_t)a[k].hi + 1;
					moved = 1;
					break;
				}
		}
		if (cur <= b[i].hi)
			return 0;
	}
	return 1;
}

static int addrs_cover(const struct ip_prefix *a, size_t na, const struct ip_prefix *b, size_t nb)
{
	size_t i, k;

	if (na == 0)
		return 1;
	if (nb == 0)
		return 0;
	for (i = 0; i < nb; i++) {
		for (k = 0; k < na; k++)
			if (ip_prefix_contains(&a[k], &b[i]))
				break;
		if (k == na)
			return 0;
	}
	return 1;
}

/* All traffic rule b matches, rule a matches too. */
static int rule_covers(const struct ir_app_rule *a, const struct ir_app_rule *b)
{
	return a->proto == b->proto &&
	       (a->dir == IR_BOTH || a->dir == b->dir) &&
	       ports_cover(a->local, a->nr_local, b->local, b->nr_local) &&
	       ports_cover(a->remote, a->nr_remote, b->remote, b->nr_remote) &&
	       addrs_cover(a->remote_addrs, a->nr_remote_addrs, b->remote_addrs,
			   b->nr_remote_addrs);
}

static const char *verb(enum ir_action a)
{
	return a == IR_ALLOW ? "allows" : "denies";
}

static void check_rules(struct diag_sink *d, const struct ir_application *app)
{
	size_t i, j;

	for (j = 1; j < app->nr_rules; j++) {
		const struct ir_app_rule *b = &app->rules[j];

		for (i = 0; i < j; i++) {
			const struct ir_app_rule *a = &app->rules[i];
			int same = rule_covers(b, a);
			struct diag *dg;

			if (!rule_covers(a, b))
				continue;
			if (a->action == b->action) {
				if (!same)
					continue;
				dg = diag_warning(d, DIAG_PROFILE, b->at,
						  "rule repeats an earlier rule of application '%s' "
						  "(remove it)", app->name);
			} else if (same) {
				dg = diag_error(d, DIAG_PROFILE, b->at,
						"contradicting rules for application '%s': this rule "
						"%s the traffic an earlier rule %s (keep one of them)",
						app->name, verb(b->action), verb(a->action));
			} else {
				dg = diag_error(d, DIAG_PROFILE, b->at,
						"contradicting rules for application '%s': an earlier "
						"rule %s all the traffic this rule %s (remove one, or "
						"narrow the earlier rule)",
						app->name, verb(a->action), verb(b->action));
			}
			diag_note(dg, a->at, "the earlier rule is here");
			break;
		}
	}
}

/* ---- profiles ---- */

static void check_profile(struct diag_sink *d, const struct ir_profile *p)
{
	struct path_check pc;
	char what[160];
	size_t i, j;

	if (p->host && p->host->platform == PLATFORM_SERVER) {
		struct diag *dg = diag_error(d, DIAG_PROFILE, p->at,
			"profile '%s' is for host '%s', a server (Sophos Client Firewall "
			"does not support server platforms; use a workstation)",
			p->name, p->host->name);

		diag_note(dg, p->host->at, "host '%s' is declared 'platform server' here",
			  p->host->name);
	}
	diag_info(d, DIAG_NOTICE, p->at,
		  "apply profile '%s' before the installation (the article's steps must be "
		  "performed before the installation process)", p->name);

	pc.d = d;
	for (i = 0; i < p->nr_apps; i++) {
		const struct ir_application *app = &p->apps[i];

		snprintf(what, sizeof(what), "application '%s'", app->name);
		pc.at = app->path_at;
		pc.path = app->path;
		pc.what = what;
		check_path(&pc);
		check_rules(d, app);
		for (j = 0; j < i; j++)
			if (word_eq(app->path, strlen(app->path), p->apps[j].path)) {
				struct diag *dg = diag_error(d, DIAG_PROFILE, app->path_at,
					"applications '%s' and '%s' are the same program "
					"(put all its rules in one application)",
					p->apps[j].name, app->name);

				diag_note(dg, p->apps[j].path_at, "'%s' is declared here",
					  p->apps[j].name);
				break;
			}
		if (base_is(app->path, "IDriver.exe"))
			diag_info(d, DIAG_NOTICE, app->path_at,
				  "a rule for 'IDriver.exe' can only be added once the program "
				  "exists (run the PureMessage installer until it reaches the "
				  "'Welcome' screen, abort it, then add the rule)");
		if (base_is(app->path, "inetinfo.exe"))
			diag_info(d, DIAG_NOTICE, app->path_at,
				  "if IIS is installed on the computer, restart it after applying "
				  "the rules (open a command prompt and type 'iisreset')");
	}
	for (i = 0; i < p->nr_procs; i++) {
		const struct ir_process *pr = &p->procs[i];

		pc.at = pr->path_at;
		pc.path = pr->path;
		pc.what = "a process";
		check_path(&pc);
		for (j = 0; j < i; j++)
			if (word_eq(pr->path, strlen(pr->path), p->procs[j].path)) {
				struct diag *dg = diag_error(d, DIAG_PROFILE, pr->path_at,
					"process '%s' is listed twice (give all its permissions "
					"in one process block)", pr->path);

				diag_note(dg, p->procs[j].path_at, "first listed here");
				break;
			}
	}
}

void analyze_profile(const struct ir_model *m, struct diag_sink *d, const struct analyze_opts *o)
{
	size_t i;

	(void)o;
	for (i = 0; i < m->nr_profiles; i++)
		check_profile(d, &m->profiles[i]);
}
