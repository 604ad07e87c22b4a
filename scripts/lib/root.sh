# Sourced by the scripts that need root: the sandbox gives each run a user, control groups and a
# network namespace of its own, which only root can make. Run by a user who is not root, the
# script starts again through sudo (keeping the environment, so CODERUNNER_* settings still
# apply); with no sudo it goes on as that user, and the engine says what it cannot do.
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  echo "$(basename "$0"): starting again as root through sudo (the sandbox needs root)" >&2
  exec sudo -E bash "$0" "$@"
fi
