# Sourced by the install scripts: sets SUDO to what it takes to run apt-get as root here, or
# stops with the caller's hints. Needs the caller's die().
#   need_root_apt "<what is missing>" "<what to run with sudo>" "<what to do off Debian>"
need_root_apt() {
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo)
  else
    die "$1 and installing it needs root; $2"
  fi
  command -v apt-get >/dev/null 2>&1 || die "$1 and this is not a Debian-based system; $3"
}
