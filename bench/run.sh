#!/usr/bin/env bash
# The benchmark suite: prints each figure beside its target and writes target/benchmark/summary.json.
#
#   bash bench/run.sh [--skip-http | --http-only]
#
# 1. In one JVM, on the embedded database (and again on MariaDB when it is reachable): the diagnosis
#    of a 200-fact incident, compile-test-swap of the seeded rules and of 1,000 generated rules with
#    alert batches posted during the swap, and the knowledge search over 10,000 resolved incidents.
# 2. Over HTTP, the packaged jar on a fresh embedded database beside Prometheus Alertmanager with the
#    same wrk load (the measuring tools in TRIAGE_TOOLS, default ../shared/tools; skipped when absent).
# The machine matters: run it on an idle one and read the figures beside their targets.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/benchmark
TOOLS=${TRIAGE_TOOLS:-../shared/tools}
rm -rf "$OUT"; mkdir -p "$OUT"; touch "$OUT/figures.jsonl"

if [[ "${1:-}" != "--http-only" ]]; then
  echo "== benchmarks in the JVM (figures appended to $OUT/figures.jsonl)"
  ./mvnw -q -B test-compile surefire:test@default-test surefire:test@mariadb -Dtriage.test.excluded=none \
    -Dtest='DiagnosisBenchmark,RuleReloadBenchmark,KnowledgeSearchBenchmark,KafkaScaleOutBenchmark' -Dsurefire.failIfNoSpecifiedTests=false \
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
  RSS=$(ps -o rss= -p $APP | tr -d ' ' || echo 0)
  python3 - "$OUT" "$RSS" <<'PY'
import json, re, sys
out, rss = sys.argv[1], int(sys.argv[2] or 0)
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
fig("resident memory after the load", rss / 1024.0, "MiB", 1024.0, True)
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
