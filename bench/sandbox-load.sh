#!/usr/bin/env bash
# How many ARM requests per second the sandbox serves with 10,000 VMs loaded, and its heap.
# Builds the CLI jar if needed, generates a fleet (throttle "none", so the server and not the
# emulated ARM limits are measured), starts `trustlift sandbox start` on loopback, warms up,
# fires simple GETs of random VMs from N client threads for D seconds, then prints requests/s,
# p50/p99 latency and the heap after a full GC. Loopback only.
#   bench/sandbox-load.sh [VMS=10000] [THREADS=16] [SECONDS=20]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/sandbox.sh"
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
vms=${1:-10000}
threads=${2:-16}
seconds=${3:-20}
jar="$here/cli/target/trustlift.jar"
if [ ! -f "$jar" ]; then
  echo "bench: building $jar" >&2
  (cd "$here" && mvn -B -ntp -q -DskipTests -pl cli -am package) >&2
fi
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
java -jar "$jar" sandbox generate --vms "$vms" --seed 1 --throttle none --out "$work/fleet.json" 2>/dev/null
echo "bench: fleet of $vms VMs, $(du -h "$work/fleet.json" | cut -f1) of JSON"
start_sandbox "$jar" "$work/fleet.json" "$work/server.out" -Xmx1g -XX:+UseSerialGC
echo "bench: sandbox pid $server_pid at $endpoint"
heap() {
  jcmd "$server_pid" GC.run >/dev/null
  jcmd "$server_pid" GC.heap_info | awk '/used/ && !/Metaspace|class space/ {
      for (i = 1; i < NF; i++) if ($i == "used") { v = $(i+1); gsub(/[K,]/, "", v); kb += v } }
    END { printf "%.1f MiB", kb / 1024 }'
}
echo "bench: heap after load and full GC: $(heap) (max heap 1 GiB)"
client="$here/sandbox/src/test/java/dev/trustlift/sandbox/bench/LoadClient.java"
echo "== GET {vm}"
java "$client" "$endpoint" "$threads" "$seconds"
echo "== GET {vm}/instanceView"
java "$client" "$endpoint" "$threads" "$((seconds / 2))" /instanceView
echo "bench: heap after the run and full GC: $(heap)"
echo "bench: server RSS $(awk '/VmRSS/ {print $2" "$3}' /proc/$server_pid/status)"
