service big     tcp 70000;
service zero    udp 0;
service reverse tcp 2000-1000;
service word    tcp smtp;
