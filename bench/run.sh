#!/usr/bin/env bash
# Runs CodeRunner's benchmarks: sandbox latency against the bare process, and API throughput.
# Usage: sudo bench/run.sh [--scale 0.2] [--runtime bubblewrap|gvisor]
# The report goes to bench/results/latest.md (and stdout); docs/PERFORMANCE.md keeps the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
source scripts/lib/java.sh
./mvnw -q -B -DskipTests install
classpath_file="$PWD/bench/target/classpath.txt"
./mvnw -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
exec java -cp "bench/target/classes:$(cat "$classpath_file")" io.coderunner.bench.Benchmark \
  --jar server/target/coderunner.jar --out bench/results/latest.md "$@"
