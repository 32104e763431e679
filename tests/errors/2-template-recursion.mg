template loop(x) {
  use loop(x);
}
use loop(1);
