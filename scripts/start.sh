#!/usr/bin/env bash
# Sets up CodeRunner on this machine and starts it on the embedded default (SQLite, local
# sandbox) at http://localhost:${CODERUNNER_PORT:-8000}.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/root.sh

bash scripts/setup.sh
source scripts/lib/java.sh

if [ ! -f server/target/coderunner.jar ] || [ -n "$(find engine web server pom.xml -newer server/target/coderunner.jar -type f -not -path '*/target/*' -not -path '*/node_modules/*' | head -1)" ]; then
  ./mvnw -q -B -DskipTests package
fi
# Users' AI provider keys are stored encrypted; the server needs the key for that. On this one-command
# start it is made once and kept, readable by its owner only, in the data directory (set
# CODERUNNER_AI_ENCRYPTION_KEY yourself to keep it elsewhere, e.g. in a secret store).
if [ -z "${CODERUNNER_AI_ENCRYPTION_KEY:-}" ]; then
  key_file="${CODERUNNER_DATA_DIR:-./data}/ai-encryption-key"
  if [ ! -s "$key_file" ]; then
    mkdir -p "$(dirname "$key_file")"
    (umask 077 && head -c 32 /dev/urandom | base64 > "$key_file")
  fi
  CODERUNNER_AI_ENCRYPTION_KEY="$(cat "$key_file")"
  export CODERUNNER_AI_ENCRYPTION_KEY
fi
exec java -jar server/target/coderunner.jar "$@"
