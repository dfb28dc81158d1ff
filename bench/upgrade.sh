#!/usr/bin/env bash
# trustlift upgrade against the sandbox, through the real Azure adapter: VMS Windows Server 2022
# VMs on MBR disks at the sandbox time scale SCALE, --max-parallel PARALLEL.
#   bench/upgrade.sh [VMS=1] [SCALE=1] [PARALLEL=5]
# Prints the campaign's wall time, each step's median duration over the VMs, and the downtime
# (deallocate requested -> running again) against what the sandbox itself spends in that window
# (deallocate 60 s, the securityProfile change 30 s, start 60 s at scale 1; docs/sandbox.md): the
# difference is trustlift's own overhead between deallocate and running again.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/sandbox.sh"
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
vms=${1:-1}
scale=${2:-1}
parallel=${3:-5}
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
sub=44444444-4444-4444-4444-444444444444
jq -n --argjson n "$vms" --argjson scale "$scale" --arg sub "$sub" '{
  timeScale: $scale, skus: "builtin",
  subscriptions: [{id: $sub, displayName: "bench-upgrade"}],
  vms: [range(0; $n) | {subscription: $sub, resourceGroup: "rg-bench", name: ("win" + (. | tostring)),
        location: "eastus", size: "Standard_D2s_v5", osType: "Windows", osName: "Windows Server 2022 Datacenter",
        osVersion: "10.0.20348.2849", powerState: "running", agent: "Ready", securityType: null,
        osDisk: {name: ("win" + (. | tostring) + "-os"), sizeGb: 127, managed: true, ephemeral: false,
                 hyperVGeneration: "V1", encryption: "none", layout: "windows-azure-default"},
        guest: {bitlocker: "off", freeSpaceMb: 20000}}]}' > "$work/fleet.json"
echo "bench: $vms Windows VM(s), sandbox time scale $scale, --max-parallel $parallel"
start_sandbox "$jar" "$work/fleet.json" "$work/server.out"
start=$(date +%s.%N)
set +e
java -jar "$jar" upgrade --endpoint "$endpoint" --subscription "$sub" --journal "$work/j.db" \
  --max-parallel "$parallel" --yes > "$work/upgrade.out" 2> "$work/upgrade.err"
code=$?
set -e
end=$(date +%s.%N)
if [ "$code" -ne 0 ]; then
  echo "bench: upgrade exited $code" >&2; tail -n 20 "$work/upgrade.out" "$work/upgrade.err" >&2; exit 1
fi
java -jar "$jar" report --journal "$work/j.db" --output json > "$work/report.json"
upgraded=$(jq '[.vms[] | select(.state == "UPGRADED")] | length' "$work/report.json")
printf 'wall time          %.1f s (%s of %s VMs upgraded)\n' "$(echo "$end - $start" | bc)" "$upgraded" "$vms"
echo "median step duration over the VMs (s):"
jq -r '[.vms[].steps[] | select(.state == "COMPLETED")] | group_by(.step) | map({step: .[0].step,
        first: (map(.started) | min), d: (map(.durationSeconds) | sort)})
      | sort_by(.first)[] | "  \(.step)\t\(.d[(.d | length) / 2 | floor] * 100 | round / 100)"' "$work/report.json" | column -t
window=$(echo "150 * $scale" | bc -l)
jq -r --argjson w "$window" '[.vms[] | .downtimeSeconds] | sort as $d
  | "downtime (deallocate requested -> running again): median \($d[($d | length) / 2 | floor] * 100 | round / 100) s, max \($d[-1] * 100 | round / 100) s",
    "sandbox latency in that window: \($w) s; trustlift overhead: median \((($d[($d | length) / 2 | floor]) - $w) * 100 | round / 100) s, max \(($d[-1] - $w) * 100 | round / 100) s"' "$work/report.json"
