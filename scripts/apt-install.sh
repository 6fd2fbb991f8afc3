# Sourced by the set-up and check scripts: install Debian packages the one way enface does it.
# apt_install PKG...: with apt-get as root, install them; otherwise print the exact command
# to run and return 1. Never installs recommends; quiet unless it fails.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    printf 'installing system packages: %s\n' "$*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    printf 'missing system packages: %s\ninstall them with:  sudo apt-get install -y %s\n' "$*" "$*"
    return 1
  fi
}
