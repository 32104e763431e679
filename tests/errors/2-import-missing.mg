import "services";
import "no-such-module";
import "./modules/absent.mg";
