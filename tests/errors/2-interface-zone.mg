zone dirty { network 0.0.0.0/0; }
zone dmz   { network 172.16.1.0/24; }
firewall fw {
  interface eth0 zone dirty;
  interface eth1 zone dmzz;
  interface eth0 zone dmz;
  interface this-name-is-too-long zone dmz;
}
