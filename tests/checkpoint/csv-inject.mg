# CSV field integrity: every comment must come back from a CSV parser
# exactly (formula-like ones with the leading ' that defuses them).
zone dirty { network 0.0.0.0/0; }
zone clean { network 192.168.1.0/24; }
firewall fw { interface eth0 zone dirty; interface eth1 zone clean; }
policy fw {
  allow tcp 1001 from clean to dirty comment "a, b, c";
  allow tcp 1002 from clean to dirty comment "say \"hi\", \"\"";
  allow tcp 1003 from clean to dirty comment "line one\nline two\n";
  allow tcp 1004 from clean to dirty comment "=HYPERLINK(\"http://evil.example\",\"x\")";
  allow tcp 1005 from clean to dirty comment "+cmd|' /C calc'!A0";
  allow tcp 1006 from clean to dirty comment "-2+3";
  allow tcp 1007 from clean to dirty comment "@SUM(1+1)*cmd|' /C calc'!A0";
  allow tcp 1008 from clean to dirty comment " leading and trailing ";
  allow tcp 1009 from clean to dirty comment "\"";
  allow tcp 1010 from clean to dirty comment "café ünïcödé";
  allow tcp 1011 from clean to dirty comment "";
}
