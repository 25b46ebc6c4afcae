#!/usr/bin/env bash
# The benchmark suite: prints each figure beside its target and writes target/benchmark/summary.json.
#
#   bash bench/run.sh [--skip-http | --http-only]
#
# 1. In one JVM, on the embedded database (and again on MariaDB when it is reachable): the diagnosis
#    of a 200-fact incident, compile-test-swap of the seeded rules and of 1,000 generated rules with
#    alert batches posted during the swap, the knowledge search over 10,000 resolved incidents, and
#    the board, incident page, timeline and incident lists over a year of data (PageBenchmark: on
#    MariaDB 10,000 incidents, 1,000,000 alerts and 10,000,000 metric samples, a tenth of that on the
#    embedded database; loaded once, in minutes, and kept for the next runs). Then the JMH benchmarks
#    of the engine paths (EngineJmhRunner, one fork, about two minutes): the engine run, plain Drools
#    and the diagnosis with its questions ranked, on the same 200-fact incident without a database.
# 2. Over HTTP, the packaged jar beside Prometheus Alertmanager with the same wrk load (the measuring
#    tools in TRIAGE_TOOLS, default ../shared/tools; skipped when absent), on MariaDB when it is
#    reachable as root on localhost and on a fresh embedded database, each after a warm-up on the same
#    load (BENCH_WARMUP seconds, default 150); then the acknowledgement time at
#    BENCH_RATE alerts/s offered (default 20,000); then, on the embedded database, the same loads on to
#    BENCH_ALERTS alerts and BENCH_METRICS metric samples (1,000,000 each by default), the heap in use
#    after a full GC, and how long the CPU takes to go idle.
# The machine matters: run it on an idle one and read the figures beside their targets.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/benchmark
TOOLS=${TRIAGE_TOOLS:-../shared/tools}
rm -rf "$OUT"; mkdir -p "$OUT"; touch "$OUT/figures.jsonl"

if [[ "${1:-}" != "--http-only" ]]; then
  echo "== benchmarks in the JVM (figures appended to $OUT/figures.jsonl)"
  ./mvnw -q -B test-compile surefire:test@default-test surefire:test@mariadb -Dtriage.test.excluded=none \
    -Dtest='DiagnosisBenchmark,RuleReloadBenchmark,KnowledgeSearchBenchmark,PageBenchmark,KafkaScaleOutBenchmark' \
    -Dsurefire.failIfNoSpecifiedTests=false \
    > "$OUT/jvm.log" 2>&1 || { tail -40 "$OUT/jvm.log"; exit 1; }
  echo "== JMH benchmarks of the engine paths (EngineJmh; JMH's results in $OUT/jmh.json)"
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp.txt" \
    > "$OUT/jmh.log" 2>&1 || { tail -40 "$OUT/jmh.log"; exit 1; }
  java -cp "target/test-classes:target/classes:$(cat "$OUT/cp.txt")" com.saypro.triage.benchmark.EngineJmhRunner \
    >> "$OUT/jmh.log" 2>&1 || { tail -40 "$OUT/jmh.log"; exit 1; }
fi

# Starts the packaged jar (on a fresh embedded database, or on the database the extra environment
# names) and waits for it; APP is its process, PORT its port.
start_triage() {
  PORT=$((PORT + 1))
  env PORT=$PORT TRIAGE_DATA_DIR="$DATA" TRIAGE_ADMIN_PASSWORD=bench-admin TRIAGE_INGEST_TOKEN=bench-token "$@" \
    java -Xmx1g -jar "$(ls target/triage-*.jar | grep -v original | head -1)" > "$OUT/triage-$PORT.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null \
    || { echo "Triage did not start:"; tail -20 "$OUT/triage-$PORT.log"; exit 1; }
}

# Appends one figure: name, database, value, unit, target (- for none), at-most (1) or at-least (0).
figure() {
  python3 - "$OUT" "$@" <<'PY'
import json, sys
out, name, db, value, unit, target, at_most = sys.argv[1:8]
target = None if target == "-" else float(target)
value = float(value)
met = None if target is None else (value <= target if at_most == "1" else value >= target)
with open(out + "/figures.jsonl", "a") as f:
    f.write(json.dumps(dict(name=name, database=db, value=value, unit=unit, target=target,
                            atMost=at_most == "1", met=met)) + "\n")
PY
}

# wrk's latency (12.3ms, 1.02s, 800us) in milliseconds.
millis() { python3 -c "import re,sys; m=re.match(r'([\d.]+)(\w+)', sys.argv[1]); print(float(m.group(1)) * {'us': 0.001, 'ms': 1, 's': 1000, 'm': 60000}[m.group(2)])" "$1"; }

# The same load for BENCH_WARMUP seconds (default 150) first, not measured: on two cores the JIT
# compiles for two to three minutes after the start, and a server is measured as it runs, warm.
warm_up() {
  echo "warming up for ${BENCH_WARMUP:-150} s on the same load"
  (cd "$TOOLS" && MODE=v4 TOKEN=bench-token wrk -t2 -c8 -d${BENCH_WARMUP:-150}s -s ingest_post.lua \
    "http://127.0.0.1:$PORT/api/v1/alerts/alertmanager" > /dev/null)
}

# The shared side-by-side run against the Triage on PORT, recorded for database $1.
side_by_side() {
  local db=$1 text
  warm_up
  text=$(TRIAGE_ADMIN_PASSWORD=bench-admin bash "$TOOLS/ingest_side_by_side.sh" "http://127.0.0.1:$PORT" bench-token 20)
  echo "$text" | tee "$OUT/ingest-$db.txt"
  local am triage p99 acked stored
  am=$(echo "$text" | awk -F'[: ]+' '/^alertmanager/{for(i=1;i<=NF;i++) if($(i+1)=="alerts/s,"){print $i; exit}}')
  triage=$(echo "$text" | awk -F'[: ]+' '/^triage \(committed\)/{for(i=1;i<=NF;i++) if($(i+1)=="alerts/s,"){print $i; exit}}')
  p99=$(echo "$text" | awk '/^triage \(committed\)/{for(i=1;i<=NF;i++) if($i=="p99"){v=$(i+1); sub(/,/,"",v); print v}}')
  acked=$(echo "$text" | awk '/^triage \(committed\)/{print $NF}')
  stored=$(echo "$text" | awk '/^triage stored:/{print $3}')
  [[ -n "$am" && -n "$triage" ]] || return 0
  figure "ingestion over HTTP, committed (wrk -t2 -c8, 50 alerts a request)" "$db" "$triage" alerts/s "$am" 0
  figure "Alertmanager 0.25 on the same load, in memory" "$db" "$am" alerts/s - 0
  figure "ingestion p99 acknowledgement at full load" "$db" "$(millis "$p99")" ms - 1
  # Requests in flight when wrk stops are stored without being counted as acknowledged: more stored is fine.
  figure "alerts acknowledged but not stored (sent = stored)" "$db" "$(( acked > stored ? acked - stored : 0 ))" alerts 0 1
}

# The acknowledgement p99 with BENCH_RATE alerts/s offered (default 20,000), paced by bench/ingest_at_rate.lua.
at_rate() {
  local db=$1 rate=${BENCH_RATE:-20000} text reached p99
  text=$(INGEST_SCRIPT="$(cd "$TOOLS" && pwd)/ingest_post.lua" RATE=$rate CONNECTIONS=8 MODE=v4 TOKEN=bench-token \
    wrk -t2 -c8 -d20s -s bench/ingest_at_rate.lua --latency "http://127.0.0.1:$PORT/api/v1/alerts/alertmanager")
  reached=$(echo "$text" | awk '/Requests\/sec/{printf "%.0f", $2 * 50}')
  p99=$(echo "$text" | awk '/ 99%/{print $2}')
  echo "at $rate alerts/s offered: $reached alerts/s reached, p99 $p99" | tee -a "$OUT/ingest-$db.txt"
  figure "ingestion p99 acknowledgement, $rate alerts/s offered ($reached reached)" "$db" "$(millis "$p99")" ms 50 1
}

if [[ "${1:-}" != "--skip-http" && -x "$(command -v python3)" && -f "$TOOLS/ingest_side_by_side.sh" ]]; then
  echo "== ingestion over HTTP beside Alertmanager ($TOOLS/ingest_side_by_side.sh)"
  ./mvnw -q -B -DskipTests package > "$OUT/package.log" 2>&1
  DATA=$(mktemp -d); PORT=${BENCH_PORT:-18180}; APP=
  trap 'kill $APP 2>/dev/null; rm -rf "$DATA"' EXIT

  if command -v mariadb >/dev/null && mariadb -uroot -e "SELECT 1" >/dev/null 2>&1; then
    echo "-- on MariaDB (a database of its own, triage_bench)"
    mariadb -uroot -e "DROP DATABASE IF EXISTS triage_bench; CREATE DATABASE triage_bench"
    start_triage TRIAGE_DB_URL=jdbc:mariadb://127.0.0.1:3306/triage_bench TRIAGE_DB_USER=root TRIAGE_DB_PASSWORD=
    side_by_side mariadb
    at_rate mariadb
    kill $APP; wait $APP 2>/dev/null || true
    mariadb -uroot -e "DROP DATABASE IF EXISTS triage_bench"
  fi

  echo "-- on the embedded database"
  start_triage
  side_by_side embedded
  at_rate embedded

  # Then on to BENCH_ALERTS alerts and BENCH_METRICS metric samples in all, the same loads for longer.
  WANT_ALERTS=${BENCH_ALERTS:-1000000}; WANT_METRICS=${BENCH_METRICS:-1000000}
  stored_alerts() { curl -s -u admin:bench-admin "http://127.0.0.1:$PORT/api/v1/incidents?limit=1000" \
    | python3 -c 'import sys,json; print(sum(i.get("alertCount",0) for i in json.load(sys.stdin)))'; }
  echo "== loading to $WANT_ALERTS alerts and $WANT_METRICS metric samples"
  while [[ $(stored_alerts) -lt $WANT_ALERTS ]]; do
    (cd "$TOOLS" && MODE=v4 TOKEN=bench-token wrk -t2 -c8 -d20s -s ingest_post.lua \
      "http://127.0.0.1:$PORT/api/v1/alerts/alertmanager" > /dev/null)
  done
  SENT_METRICS=0
  while [[ $SENT_METRICS -lt $WANT_METRICS ]]; do
    N=$(TOKEN=bench-token wrk -t2 -c4 -d20s -s bench/metrics_post.lua "http://127.0.0.1:$PORT/api/v1/metrics" \
      | awk '/requests in/{print $1}')
    SENT_METRICS=$((SENT_METRICS + N * 500))
  done
  LOADED="$(stored_alerts) alerts and $SENT_METRICS metric samples"
  echo "loaded: $LOADED"
  # CPU back to idle: seconds from the end of the load until a second in which the process used under 5% of a core.
  TICK=$(getconf CLK_TCK); IDLE=120; START=$(date +%s)
  cpu() { awk '{print $14 + $15}' /proc/$APP/stat; }
  PREV=$(cpu)
  for _ in $(seq 1 120); do
    sleep 1; NOW=$(cpu)
    if [[ $(( (NOW - PREV) * 100 / TICK )) -lt 5 ]]; then IDLE=$(( $(date +%s) - START - 1 )); break; fi
    PREV=$NOW
  done
  jcmd $APP GC.run > /dev/null 2>&1 || true
  HEAP=$(jcmd $APP GC.heap_info 2>/dev/null | awk '/used/{for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); print v; exit}}')
  RSS=$(ps -o rss= -p $APP | tr -d ' ')
  figure "heap in use after $LOADED (after a full GC)" embedded "$(( ${HEAP:-0} / 1024 ))" MiB 1024 1
  figure "resident memory of the process then (-Xmx1g)" embedded "$(( ${RSS:-0} / 1024 ))" MiB - 1
  figure "seconds until the CPU is idle after the load stops" embedded "$IDLE" s 10 1
fi

python3 - "$OUT" <<'PY'
import json, platform, os, sys, datetime
out = sys.argv[1]
figures = [json.loads(l) for l in open(out + "/figures.jsonl") if l.strip()]
summary = dict(at=datetime.datetime.utcnow().isoformat() + "Z", machine=dict(cpus=os.cpu_count(), system=platform.platform()),
               figures=figures)
json.dump(summary, open(out + "/summary.json", "w"), indent=2)
print("\n%-72s %-9s %12s %-9s %14s  %s" % ("figure", "database", "value", "unit", "target", ""))
for f in figures:
    target = "-" if f["target"] is None else ("<= " if f["atMost"] else ">= ") + ("%g" % f["target"])
    verdict = "" if f["met"] is None else ("met" if f["met"] else "MISSED")
    print("%-72s %-9s %12.1f %-9s %14s  %s" % (f["name"][:72], f["database"], f["value"], f["unit"], target, verdict))
print("\nwritten: %s/summary.json" % out)
PY
