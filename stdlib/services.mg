# mgc standard services: the named ports both source documents use
# (MAILsweeper for SMTP deployment guide; Sophos Client Firewall rules
# for PureMessage for Windows/Exchange), plus the common ones around a
# mail gateway.  Import with `import "services";`.  A service declared
# in your own files under the same name takes precedence over these.

# Mail.
service smtp        tcp 25;        # MAILsweeper relays SMTP; inetinfo.exe inbound SMTP
service submission  tcp 587;
service smtps       tcp 465;
service pop3        tcp 110;
service imap        tcp 143;
service nntp        tcp 119;

# Windows networking (Sophos / PureMessage article).
service dcom        tcp 135;       # "135 (DCOM)": RPC endpoint mapper
service netbios-ns  udp 137;
service netbios-dgm udp 138;
service netbios-ssn tcp 139;
service netbios     { udp 137-138; tcp 139; }
service ms-sql-s    tcp 1433;
service ms-sql-m    udp 1434;      # "MS_SQL_M (or 1434)": SQL Server monitor

# Content security and administration.
service fw1-cvp     tcp 18181;     # Check Point CVP (MIMEsweeper for FireWall-1)
service http        tcp 80;
service https       tcp 443;
service ftp         tcp 21;
service ssh         tcp 22;
service dns         { udp 53; tcp 53; }
