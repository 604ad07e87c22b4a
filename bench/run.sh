#!/usr/bin/env bash
# Runs CodeRunner's benchmarks on a real server started from its jar:
#   execution  sandbox latency against the bare process, and POST /api/execute throughput
#   accounts   authenticated reads and sign-ins per second, on SQLite and PostgreSQL
#   streaming  time to the first output byte of a streaming run (WS /ws/execute) against the bare process
#   terminals  how many idle terminal sessions the server holds within 2 GiB
#   sandboxes  long-lived sandboxes: create → first exec, exec, start, start from a snapshot, how many fit in 2 GiB
#   web        how soon the editor is usable in chromium on a 4 Mbit/s link, compressed and not, cold and warm
# Usage: bench/run.sh (as root; another user is asked for sudo) [all|execution|accounts|streaming|terminals|sandboxes|web] [options]
#   execution options: --scale 0.2 (fewer runs), --runtime bubblewrap|gvisor
#   accounts options:  --seconds N (per measurement, default 10)
#   streaming options: --iterations N (default 300)
#   terminals options: --sessions N (most to open, default 400), --step N (default 50)
#   sandboxes options: --scale 0.2 (fewer runs and sandboxes), --started N (default 150), --stopped N (default 1000), --network true (sandboxes with network)
#   web options:       --runs N (loads of each kind, default 5)
# Reports go to bench/results/ (and stdout); docs/PERFORMANCE.md keeps the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/root.sh

which=all
case "${1:-}" in
  all|execution|accounts|streaming|terminals|sandboxes|web) which=$1; shift ;;
esac

bash scripts/setup.sh
if ! command -v wrk >/dev/null 2>&1; then
  echo "bench: installing wrk (the load generator)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
source scripts/lib/java.sh
./mvnw -q -B -DskipTests install
classpath_file="$PWD/bench/target/classpath.txt"
./mvnw -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
run() {
  java -cp "bench/target/classes:$(cat "$classpath_file")" "$@"
}
if [ "$which" = all ] || [ "$which" = execution ]; then
  run io.coderunner.bench.Benchmark --jar server/target/coderunner.jar --out bench/results/latest.md "$@"
fi
if [ "$which" = all ] || [ "$which" = accounts ]; then
  run io.coderunner.bench.AuthBenchmark --jar server/target/coderunner.jar --out bench/results/accounts.md "$@"
fi
if [ "$which" = all ] || [ "$which" = streaming ]; then
  run io.coderunner.bench.FirstByteBenchmark --jar server/target/coderunner.jar --out bench/results/first-byte.md "$@"
fi
if [ "$which" = all ] || [ "$which" = terminals ]; then
  run io.coderunner.bench.TerminalBenchmark --jar server/target/coderunner.jar --out bench/results/terminals.md "$@"
fi
if [ "$which" = all ] || [ "$which" = sandboxes ]; then
  run io.coderunner.bench.SandboxBenchmark --jar server/target/coderunner.jar --out bench/results/sandboxes.md "$@"
fi
if [ "$which" = all ] || [ "$which" = web ]; then
  run io.coderunner.bench.WebLoadBenchmark --jar server/target/coderunner.jar --out bench/results/web.md "$@"
fi
