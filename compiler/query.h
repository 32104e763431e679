/*
 * `mgc query FILE [--device FW] [-I DIR] 'SERVICES from A to B'`: what
 * the firewall's policy decides for a whole class of packets, split
 * where the answer differs, each part with the rule that decides it
 * (or the default deny).  The class is written as the rest of an
 * assert: services, `from` endpoints, `to` endpoints.  It uses the
 * packet-space engine of analyze/space.h, so the answer is the one the
 * shadow and assert analyses reason with.
 */
#ifndef MGC_QUERY_H
#define MGC_QUERY_H

/*
 * argv[0] is "query".  Prints one line per part on stdout:
 *   "allow: rule 3 (deploy.mg:27) for tcp 25 from 192.0.2.0/24 (dirty) to 172.16.1.10 (dmz)"
 *   "deny: the default deny for ..."
 * Returns 0 when it answered, 1 when the description or the query has
 * errors (reported on stderr), 2 on usage or I/O errors.
 */
int query_main(int argc, char **argv);

#endif
