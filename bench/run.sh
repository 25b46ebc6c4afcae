#!/usr/bin/env bash
# The benchmark suite: prints each figure beside its target and writes target/benchmark/summary.json.
#
#   bash bench/run.sh [--skip-http | --http-only]
#
# 1. In one JVM, on the embedded database (and again on MariaDB when it is reachable): the diagnosis
#    of a 200-fact incident, compile-test-swap of the seeded rules and of 1,000 generated rules with
#    alert batches posted during the swap, and the knowledge search over 10,000 resolved incidents.
# 2. Over HTTP, the packaged jar on a fresh embedded database beside Prometheus Alertmanager with the
#    same wrk load (the measuring tools in TRIAGE_TOOLS, default ../shared/tools; skipped when absent);
#    then the same loads on to BENCH_ALERTS alerts (default 1,000,000) and BENCH_METRICS metric samples
#    (default 1,000,000), the heap in use after a full GC, and how long the CPU takes to go idle.
# The machine matters: run it on an idle one and read the figures beside their targets.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/benchmark
TOOLS=${TRIAGE_TOOLS:-../shared/tools}
rm -rf "$OUT"; mkdir -p "$OUT"; touch "$OUT/figures.jsonl"

if [[ "${1:-}" != "--http-only" ]]; then
  echo "== benchmarks in the JVM (figures appended to $OUT/figures.jsonl)"
  ./mvnw -q -B test-compile surefire:test@default-test surefire:test@mariadb -Dtriage.test.excluded=none \
    -Dtest='DiagnosisBenchmark,RuleReloadBenchmark,KnowledgeSearchBenchmark' -Dsurefire.failIfNoSpecifiedTests=false \
    > "$OUT/jvm.log" 2>&1 || { tail -40 "$OUT/jvm.log"; exit 1; }
fi

if [[ "${1:-}" != "--skip-http" && -x "$(command -v python3)" && -f "$TOOLS/ingest_side_by_side.sh" ]]; then
  echo "== ingestion over HTTP beside Alertmanager ($TOOLS/ingest_side_by_side.sh)"
  ./mvnw -q -B -DskipTests package > "$OUT/package.log" 2>&1
  DATA=$(mktemp -d); PORT=${BENCH_PORT:-18181}
  PORT=$PORT TRIAGE_DATA_DIR=$DATA TRIAGE_ADMIN_PASSWORD=bench-admin TRIAGE_INGEST_TOKEN=bench-token \
    java -Xmx1g -jar "$(ls target/triage-*.jar | grep -v original | head -1)" > "$OUT/triage.log" 2>&1 &
  APP=$!; trap 'kill $APP 2>/dev/null; rm -rf "$DATA"' EXIT
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { echo "Triage did not start:"; tail -20 "$OUT/triage.log"; exit 1; }
  TRIAGE_ADMIN_PASSWORD=bench-admin bash "$TOOLS/ingest_side_by_side.sh" "http://127.0.0.1:$PORT" bench-token 20 \
    | tee "$OUT/ingest.txt"
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
  echo "loaded: $(stored_alerts) alerts, $SENT_METRICS metric samples sent" | tee "$OUT/load.txt"
  # CPU back to idle: seconds from the end of the load until a second in which the process used under 5% of a core.
  TICK=$(getconf CLK_TCK); IDLE=-1
  cpu() { awk '{print $14 + $15}' /proc/$APP/stat; }
  START=$(date +%s.%N); PREV=$(cpu)
  for _ in $(seq 1 120); do
    sleep 1; NOW=$(cpu)
    if [[ $(( (NOW - PREV) * 100 / TICK )) -lt 5 ]]; then
      IDLE=$(python3 -c "import time; print(round(time.time() - $START - 1, 1))"); break
    fi
    PREV=$NOW
  done
  jcmd $APP GC.run > /dev/null 2>&1 || true
  HEAP=$(jcmd $APP GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen|heap/ && /used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); print v; exit}}')
  RSS=$(ps -o rss= -p $APP | tr -d ' ' || echo 0)
  python3 - "$OUT" "$RSS" "${HEAP:-0}" "$IDLE" <<'PY'
import json, re, sys
out, rss, heap, idle = sys.argv[1], int(sys.argv[2] or 0), int(sys.argv[3] or 0), float(sys.argv[4])
text = open(out + "/ingest.txt").read()
rates = dict(re.findall(r"^(alertmanager|triage)[^:]*: (\d+) alerts/s", text, re.M))
p99 = dict(re.findall(r"^(alertmanager|triage)[^:]*: \d+ alerts/s, p99 ([\d.]+\w+)", text, re.M))
acked = re.search(r"^triage \(committed\).*acked (\d+)", text, re.M)
stored = re.search(r"^triage stored: (\d+)", text, re.M)
lines = []
def fig(name, value, unit, target, at_most):
    met = None if target is None else (value <= target if at_most else value >= target)
    lines.append(dict(name=name, database="embedded", value=value, unit=unit, target=target, atMost=at_most, met=met))
if "triage" in rates and "alertmanager" in rates:
    fig("ingestion over HTTP, committed (wrk -t2 -c8, 50 alerts a request)", float(rates["triage"]), "alerts/s",
        float(rates["alertmanager"]), False)
    fig("Alertmanager 0.25 on the same load, in memory", float(rates["alertmanager"]), "alerts/s", None, False)
if "triage" in p99:
    m = re.match(r"([\d.]+)(\w+)", p99["triage"]); v = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}.get(m.group(2), 1)
    fig("ingestion p99 acknowledgement at full load", v, "ms", None, True)
if acked and stored:
    fig("alerts acknowledged but not stored (sent = stored)", float(int(acked.group(1)) - int(stored.group(1))), "alerts", 0.0, True)
load = open(out + "/load.txt").read()
fig("heap in use after " + load.split(": ", 1)[1].strip() + " (after a full GC)", heap / 1024.0, "MiB", 1024.0, True)
fig("resident memory of the process then (-Xmx1g)", rss / 1024.0, "MiB", None, True)
fig("seconds until the CPU is idle after the load stops", idle if idle >= 0 else 120.0, "s", 10.0, True)
with open(out + "/figures.jsonl", "a") as f:
    for l in lines:
        f.write(json.dumps(l) + "\n")
PY
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
