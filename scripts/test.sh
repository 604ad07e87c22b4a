#!/usr/bin/env bash
# Runs every test of CodeRunner: the engine against the real sandbox and toolchains, and the
# server against real HTTP clients.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/root.sh

bash scripts/setup.sh
source scripts/lib/java.sh
./mvnw -B verify "$@"
