# Sourced by the scripts that install packages: as_root COMMAND... runs it directly when this
# shell is root (CI containers have no sudo) and through sudo otherwise.
# shellcheck shell=bash
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  else
    sudo "$@"
  fi
}
