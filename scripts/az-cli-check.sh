#!/usr/bin/env bash
# Microsoft's Azure CLI against `trustlift sandbox start --tls`, end to end (docs/sandbox-tls.md):
# the sandbox on a free port with the demo fleet; `az cloud register` with only
# --endpoint-resource-manager (az reads /metadata/endpoints for the rest); `az login` as a service
# principal at the sandbox's AD FS-shaped authority; `az vm list` and `az vm show`, whose name and
# size must equal the sandbox's own truth (/_sandbox/state); the call log must show the metadata
# read without a token, a token issued for the first listed audience, and only valid bearer
# tokens on ARM. Everything az writes goes to a temporary AZURE_CONFIG_DIR; the sandbox is stopped.
# Builds nothing: expects the CLI jar. Not part of CI (the azure-cli package is large).
#   scripts/az-cli-check.sh [JAR=cli/target/trustlift.jar]
# Exit 0 when every check passed, 1 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
jar=${1:-$here/cli/target/trustlift.jar}
cloud=trustlift-sandbox
client_id=az-cli-check
# The sandbox's fixed tenant id (TokenAuthority.SANDBOX_TENANT_ID). az resolves a tenant that is
# not a GUID at {loginEndpoint}/{tenant}/.well-known/openid-configuration, which AD FS (and so
# the sandbox) does not serve; with a GUID az skips that and, seeing an AD FS login endpoint,
# signs in with tenant "adfs".
tenant=5a0db0c5-7e57-4a11-b0b0-5a11dbc0ffee
vm_group=rg-web
vm_name=web01

fail() {
  if [ -s "${work:-/nonexistent}/step.err" ]; then echo "az-cli-check: the last az command's stderr:" >&2; cat "$work/step.err" >&2; fi
  echo "az-cli-check: FAILED: $*" >&2
  exit 1
}
for tool in az java curl jq; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (az: apt-get install azure-cli)"
done
[ -f "$jar" ] || fail "no $jar; build it first: mvn -B -ntp -q package -DskipTests -pl cli -am"

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export AZURE_CONFIG_DIR=$work/azure AZURE_CORE_COLLECT_TELEMETRY=no AZURE_CORE_NO_COLOR=1
export REQUESTS_CA_BUNDLE=$work/sandbox.pem
secret=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')

# The secret never goes on the sandbox's command line where the CLI can read it from a variable.
if java -jar "$jar" sandbox start --help | grep -q -- '--client-secret-env'; then
  export AZ_CLI_CHECK_SECRET=$secret
  secret_args=(--client-secret-env AZ_CLI_CHECK_SECRET)
else
  secret_args=(--client-secret "$secret")
fi
java -jar "$jar" sandbox start --fleet demo --port 0 --tls --cert-out "$work/sandbox.pem" "${secret_args[@]}" --log \
  > "$work/sandbox.out" 2> "$work/sandbox.err" &
server_pid=$!
endpoint=""
for _ in $(seq 1 300); do
  endpoint=$(head -n1 "$work/sandbox.out" 2>/dev/null | grep -E '^https://127\.0\.0\.1:[0-9]+/$' || true)
  [ -n "$endpoint" ] && [ -s "$work/sandbox.pem" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/sandbox.out" "$work/sandbox.err" >&2; fail "the sandbox did not start"; }
  sleep 0.1
done
[ -n "$endpoint" ] || fail "the sandbox printed no endpoint"
echo "az-cli-check: sandbox at $endpoint (pid $server_pid), $(az version --query '"azure-cli"' -o tsv 2>/dev/null | sed 's/^/azure-cli /')"

# Runs az, echoing the command (the secret masked) and its output (on failure its ERROR lines;
# fail prints the whole stderr).
az_step() {
  echo "\$ az ${*//$secret/***}"
  if ! az "$@" > "$work/step.out" 2> "$work/step.err"; then
    cat "$work/step.out"
    grep '^ERROR: ' "$work/step.err" | head -n 3 || true
    return 1
  fi
  cat "$work/step.out"
  grep -v '^WARNING: ' "$work/step.err" || true
}

az_step cloud register -n "$cloud" --endpoint-resource-manager "$endpoint" || fail "az cloud register"
az_step cloud show -n "$cloud" --query '{activeDirectory: endpoints.activeDirectory,
  activeDirectoryResourceId: endpoints.activeDirectoryResourceId, resourceManager: endpoints.resourceManager}' -o json \
  || fail "az cloud show"
[ "$(jq -r .activeDirectory "$work/step.out")" = "${endpoint}adfs" ] || fail "az did not take the /adfs login endpoint"
[ "$(jq -r .resourceManager "$work/step.out")" = "$endpoint" ] || fail "az did not take the resource manager"
az_step cloud set -n "$cloud" || fail "az cloud set"
az_step login --service-principal -u "$client_id" -p "$secret" --tenant "$tenant" \
  --query '[].{subscription: id, name: name, tenant: tenantId, user: user.name}' -o table || fail "az login"

if ! az_step vm list -o table; then
  # Debian's azure-cli 2.45.0 ships an azure-mgmt-compute without the api-version (2022-11-01) its
  # own "latest" profile names, so `az vm` fails before sending anything, against any cloud
  # (Azure/azure-cli#25826). Azure Stack Hub's API profile is one the package can serve.
  grep -q "does not have operation group 'virtual_machines'" "$work/step.err" || fail "az vm list"
  echo "az-cli-check: this azure-cli cannot call Compute with its latest profile; using Azure Stack Hub's"
  : > "$work/step.err"
  az_step cloud update -n "$cloud" --profile 2020-09-01-hybrid || fail "az cloud update --profile"
  az_step vm list -o table || fail "az vm list"
fi
grep -qE "^$vm_name +$vm_group " "$work/step.out" || fail "az vm list does not show $vm_name in $vm_group"
az_step vm show -g "$vm_group" -n "$vm_name" --query '[name, hardwareProfile.vmSize]' -o tsv || fail "az vm show"
shown=$(tr '\n' ' ' < "$work/step.out" | sed 's/ *$//')
truth=$(curl -fsS --cacert "$work/sandbox.pem" "${endpoint}_sandbox/state?vm=$vm_name" | jq -r '.vms[0] | "\(.name) \(.size)"')
[ "$shown" = "$truth" ] || fail "az vm show says '$shown', the sandbox holds '$truth'"

curl -fsS --cacert "$work/sandbox.pem" "${endpoint}_sandbox/calls" > "$work/calls.json"
jq -e '[.calls[] | select(.path == "/metadata/endpoints" and .status == 200 and (.authorization | not))] | length > 0' \
  "$work/calls.json" >/dev/null || fail "the call log has no metadata read without a token"
jq -e --arg s "token:issued client=$client_id aud=$endpoint" '[.calls[] | select(.signIn == $s)] | length > 0' \
  "$work/calls.json" >/dev/null || fail "the call log has no token issued for $endpoint"
jq -e '[.calls[] | select(.path | startswith("/subscriptions")) | .signIn] | length > 0 and all(. == "bearer:valid")' \
  "$work/calls.json" >/dev/null || fail "an ARM call had no valid bearer token"
echo "az-cli-check: the sandbox's call log:"
jq -r '.calls[] | select(.path | startswith("/_sandbox") | not)
  | "  \(.method) \(.path)\(if .query then "?" + .query else "" end) -> \(.status) \(.signIn // "")"' "$work/calls.json"
az logout >/dev/null 2>&1 || true
echo "az-cli-check: OK: az registered the cloud from /metadata/endpoints, signed in and read $vm_name ($truth)"
