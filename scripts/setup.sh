#!/usr/bin/env bash
# Installs what CodeRunner needs from the system's packages when it is missing:
# bubblewrap (the sandbox), the language toolchains it offers, Node.js and npm (to build the web
# UI) and chromium with its driver (the UI's browser tests). Needs root for apt-get;
# without root it says what is missing and goes on with what is there.
set -euo pipefail

# The sandbox and the tools its launcher uses; git for cloning repositories into terminal sessions.
required=(bubblewrap util-linux git passt nftables)
# Long-lived sandboxes: their disks and volumes are ext4 images (e2fsprogs), volumes shared by
# several sandboxes' uids through default ACLs (acl), TypeScript compiled by tsc (node-typescript).
required+=(e2fsprogs acl node-typescript)
# The optional gVisor runtime (CODERUNNER_SANDBOX_RUNTIME=gvisor), which the tests exercise too.
runtimes=(runsc)
# Toolchains: a language is offered only when its toolchain is installed.
toolchains=(python3 nodejs gcc g++ openjdk-17-jdk-headless golang-go ruby php-cli rustc)
# Users' environments: Python virtual environments with pip, Node.js projects with npm. Debian's
# nodejs comes without npm; a Node.js that brings its own npm (NodeSource's) must not get Debian's.
toolchains+=(python3-venv python3-pip)
# setuptools and wheel as wheels: the package tests' index serves them to pip's build isolation.
toolchains+=(python3-setuptools-whl python3-wheel-whl)
command -v npm >/dev/null 2>&1 || toolchains+=(npm)
# The web UI's tests in a real browser, with a font for its Chinese pages.
webtools=(chromium chromium-driver fonts-wqy-microhei)

missing=()
for package in "${required[@]}" "${runtimes[@]}" "${toolchains[@]}" "${webtools[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# A JDK the toolchain list names by version may be served by another version's package.
if [[ " ${missing[*]} " == *" openjdk-17-jdk-headless "* ]] && [ -x /usr/bin/javac ]; then
  missing=("${missing[@]/openjdk-17-jdk-headless}")
fi
missing=($(printf '%s\n' "${missing[@]}" | sed '/^$/d'))

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: system packages are in place"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing packages (${missing[*]}) and no apt-get here: install them with your package manager" >&2
  command -v bwrap >/dev/null 2>&1 || exit 1
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]}" >&2
  echo "setup: run as root (sudo $0) to install them" >&2
  command -v bwrap >/dev/null 2>&1 || exit 1
  exit 0
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
