template t(proxy) {
  if proxy { zone a { network 10.0.0.0/8; } }
  if prxy { zone b { network 11.0.0.0/8; } }
}
use t(maybe);
use t(true);
if proxy { zone c { network 12.0.0.0/8; } }
