#!/bin/sh
# Install every build and test dependency of mgc on a Debian machine.
# Idempotent: packages already present are left alone.  Run as root
# (or through sudo).  Nothing else needs to be installed by hand.
set -eu

PKGS="build-essential make flex bison pkg-config
libyaml-dev libjansson-dev libcmocka-dev
nftables iptables postfix graphviz
iproute2 util-linux procps valgrind clang libclang-rt-14-dev jq diffutils python3
patch time man-db"

if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		exec sudo "$0" "$@"
	fi
	echo "install-deps.sh: must run as root (or with sudo available)" >&2
	exit 2
fi

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done

if [ -z "$missing" ]; then
	echo "install-deps.sh: all dependencies present"
	exit 0
fi

echo "install-deps.sh: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# postfix must not configure or start a mail daemon: we only need postmap.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
