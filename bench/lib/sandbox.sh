# Sourced by the bench scripts: start `trustlift sandbox start` in the background and wait until it
# serves. Sets server_pid and endpoint; the caller's trap stops the server by that pid.
# Usage: start_sandbox JAR FLEET OUTFILE [JAVA_OPTION...]
start_sandbox() {
  local jar=$1 fleet=$2 log=$3
  shift 3
  java "$@" -jar "$jar" sandbox start --fleet "$fleet" --port 0 > "$log" 2>&1 &
  server_pid=$!
  endpoint=""
  # Loading 10,000 VMs takes seconds on a busy machine: wait up to a minute for the endpoint line.
  for _ in $(seq 1 600); do
    endpoint=$(head -n1 "$log" 2>/dev/null | grep -E '^http://127\.0\.0\.1:[0-9]+/$' || true)
    [ -n "$endpoint" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$endpoint" ] || { echo "bench: the sandbox did not start" >&2; cat "$log" >&2; exit 1; }
  until curl -fsS -o /dev/null "${endpoint}_sandbox/state?vm=none" 2>/dev/null; do sleep 0.1; done
}
