#!/usr/bin/env bash
# Hand-run benchmark (not a test): the engine against nginx on loopback, beside bare JDK client loops
# in the same run, directly and as a user runs it (a @LoadTest through the JUnit Platform). Needs nginx (Debian: apt-get install nginx-light). Usage:
#   bench/run.sh [rounds] [seconds]      results go to stdout; copy them into docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=${2:-10}
port=18080
work=$(mktemp -d)
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port;
        location / {
            default_type application/json;
            return 200 '{"templates":[{"slug":"cloudflare-workers-api"},{"slug":"remix-on-workers"}]}';
        }
    }
}
CONF
nginx -c "$work/nginx.conf"
trap 'nginx -c "$work/nginx.conf" -s stop || true; rm -rf "$work"' EXIT

mvn -B -q -ntp install -DskipTests
mvn -B -q -ntp -Dstyle.color=never -pl loadtest-bench dependency:build-classpath -Dmdep.outputFile="$work/classpath"
cp=$(cat "$work/classpath"):loadtest-bench/target/classes
url="http://127.0.0.1:$port/"
java_bin=${JAVA_BIN:-java}
"$java_bin" -version 2>&1 | head -1
for round in $(seq 1 "$rounds"); do
    echo "== round $round"
    "$java_bin" -cp "$cp" io.github.junitloadtest.bench.LoadBench bare-send "$url" 50 "$seconds"
    "$java_bin" -cp "$cp" io.github.junitloadtest.bench.LoadBench bare-async "$url" 50 "$seconds"
    "$java_bin" -cp "$cp" io.github.junitloadtest.bench.LoadBench engine "$url" 100000 "$seconds" 50
    "$java_bin" -cp "$cp" io.github.junitloadtest.bench.LoadBench engine "$url" 2000 "$seconds" 200 3
    # What users run: a @LoadTest through the JUnit Platform's launcher, closed and open model, 50 at once.
    "$java_bin" -cp "$cp" io.github.junitloadtest.bench.LoadBench junit "$url" closed50 "$seconds"
    "$java_bin" -cp "$cp" io.github.junitloadtest.bench.LoadBench junit "$url" open50 "$seconds"
done
echo "== heap"
"$java_bin" -Xmx256m -cp "$cp" io.github.junitloadtest.bench.LoadBench heap 10000 20000
"$java_bin" -Xmx256m -cp "$cp" io.github.junitloadtest.bench.LoadBench heap 1000000 20000
