import "./modules/cycle-a";
