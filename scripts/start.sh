#!/usr/bin/env bash
# Sets up CodeRunner on this machine and starts it on the embedded default (SQLite, local
# sandbox) at http://localhost:${CODERUNNER_PORT:-8000}.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
source scripts/lib/java.sh

if [ ! -f server/target/coderunner.jar ] || [ -n "$(find engine server pom.xml -newer server/target/coderunner.jar -type f -not -path '*/target/*' | head -1)" ]; then
  ./mvnw -q -B -DskipTests package
fi
exec java -jar server/target/coderunner.jar "$@"
