#!/usr/bin/env bash
# trustlift assess on a generated fleet served by the sandbox, through the real Azure adapter.
# Builds the CLI jar if needed, generates VMS VMs (seed 1) with throttling off ("none"), starts
# `trustlift sandbox start` on loopback, runs `trustlift assess --output json --no-probe-guest` (the
# probe is the default) over every subscription with a 1 GiB heap cap and GC logging, and prints the wall time,
# the ARM requests per VM (from the sandbox's call log), SKU lists per location, the peak heap,
# and the time the same requests would take under the "azure" buckets (computed, not run).
#   bench/assess.sh [VMS=10000] [PARALLEL=16]
#   PROBE=1 THROTTLE=azure bench/assess.sh 1000   # with the (default) guest probe, under ARM's real buckets
# Why throttle "none": ARM meters reads per subscription (250-token bucket, 25/s refill) and
# writes (200, 10/s; Azure Backup's backupStatus query is a POST), so with ~2,500 VMs per
# subscription the buckets, not trustlift, would set the wall time. The estimate line shows it.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/sandbox.sh"
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
vms=${1:-10000}
parallel=${2:-16}
throttle=${THROTTLE:-none}
probe_args=(--no-probe-guest)
if [ "${PROBE:-0}" = 1 ]; then probe_args=(); fi
jar="$here/cli/target/trustlift.jar"
if [ ! -f "$jar" ]; then
  echo "bench: building $jar" >&2
  "$here/trustlift" --version >/dev/null
fi
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
java -jar "$jar" sandbox generate --vms "$vms" --seed 1 --throttle "$throttle" --out "$work/fleet.json" 2>/dev/null
subs=$(jq -r '.subscriptions[].id' "$work/fleet.json")
echo "bench: fleet of $vms VMs in $(echo "$subs" | wc -l) subscriptions, throttle $throttle, guest probe $([ ${#probe_args[@]} -eq 0 ] && echo on || echo off)"
start_sandbox "$jar" "$work/fleet.json" "$work/server.out" -Xmx1g
before=$(curl -fsS "${endpoint}_sandbox/calls" | jq '.total')
sub_args=()
for s in $subs; do sub_args+=(--subscription "$s"); done
start=$(date +%s.%N)
set +e
java -Xmx1g -Xlog:gc,gc+heap+exit:file="$work/gc.log" -jar "$jar" assess --endpoint "$endpoint" "${sub_args[@]}" \
  --parallel "$parallel" "${probe_args[@]}" --output json --out "$work/report.json" > "$work/assess.out" 2> "$work/assess.err"
code=$?
set -e
end=$(date +%s.%N)
if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then
  echo "bench: assess failed with exit $code" >&2; cat "$work/assess.err" >&2; exit 1
fi
curl -fsS "${endpoint}_sandbox/calls" > "$work/calls.json"
total=$(jq ".total - $before" "$work/calls.json")
assessed=$(jq '.vms | length' "$work/report.json")
# The ring keeps the last 100,000 calls; the assess run's are the last $total of them.
jq --argjson n "$total" '.calls[-$n:]' "$work/calls.json" > "$work/run-calls.json"
skus=$(jq '[.[] | select(.path | endswith("/skus"))] | length' "$work/run-calls.json")
features=$(jq '[.[] | select(.path | contains("/features/"))] | length' "$work/run-calls.json")
locations=$(jq -r '[.vms[].location] | unique | length' "$work/fleet.json")
pairs=$(jq -r '[.vms[] | .subscription + "/" + .location] | unique | length' "$work/fleet.json")
echo "bench: assess exit $code, $(cat "$work/assess.out")"
awk -v s="$start" -v e="$end" 'BEGIN { printf "bench: wall time %.1f s for the assess run (JVM start included)\n", e - s }'
awk -v t="$total" -v k="$skus" -v f="$features" -v n="$assessed" 'BEGIN {
  printf "bench: ARM requests %d for %d VMs: %.2f per VM excluding %d SKU lists and %d feature reads (%.2f all included)\n",
    t, n, (t - k - f) / n, k, f, t / n }'
jq -r 'map(.path | if endswith("/instanceView") then "instanceView" elif endswith("/backupStatus") then "backupStatus"
    elif endswith("/locks") then "group locks" elif endswith("/extensions") then "extensions"
    elif contains("/backupPolicies/") then "backup policy" elif endswith("/virtualMachines") then "VM list pages"
    elif endswith("/skus") then "SKU lists" elif contains("/features/") then "features"
    elif endswith("/replicationProtectedItems") then "Site Recovery items" elif endswith("/vaults") then "vault lists"
    elif endswith("/runCommand") then "runCommand" elif contains("/operations/") then "operation polls" else "other" end)
  | group_by(.) | map("\(.[0]) \(length)") | "bench: requests by kind: " + join(", ")' "$work/run-calls.json"
echo "bench: SKU lists $skus for $pairs (subscription, location) pairs over $locations locations"
jq -r '[group_by(.path | split("/")[2])[] | {sub: (.[0].path | split("/")[2]),
    reads: ([.[] | select(.method == "GET")] | length), writes: ([.[] | select(.method != "GET")] | length)}]
  | (map(.reads) | max) as $r | (map(.writes) | max) as $w
  | "bench: under the \"azure\" buckets the busiest subscription needs \($r) reads and \($w) writes (backupStatus POSTs): about \([(($r - 250) / 25), (($w - 200) / 10), 0] | max | floor) s at 25 reads/s and 10 writes/s after the initial bucket"' \
  "$work/run-calls.json"
awk '
  /GC\(/ && /->/ { if (match($0, /[0-9]+M->[0-9]+M/)) { split(substr($0, RSTART, RLENGTH), a, "M->"); if (a[1] + 0 > peak) peak = a[1] + 0 } }
  /garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen/ && /used/ {
    if (match($0, /used [0-9]+K/)) { v = substr($0, RSTART + 5, RLENGTH - 6) / 1024; exitUsed += v } }
  END { if (exitUsed > peak) peak = exitUsed; printf "bench: peak heap %.0f MiB (largest heap before a GC or at exit; -Xmx1g)\n", peak }
' "$work/gc.log"
