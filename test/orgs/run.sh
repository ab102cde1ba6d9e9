#!/usr/bin/env bash
# npm run test:orgs: a real Fabric v2.5 network (native processes) grows by one organisation and shrinks again.
# Brings the founding network up and deploys the chaincode; `scripts/bia org add` adds a fifth organisation (run
# twice: the second run must find every step done); test/orgs/orgs.test.ts then has a member hosted by its MSP
# admitted, bound, in a deal and a shipment; `scripts/bia org remove` takes it out (twice, likewise) and the test
# checks its records stayed and its identities are refused. Tears everything down and checks no process is left.
# Reported as skipped when no Fabric binaries are found (BIA_FABRIC_BIN or PATH).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bia="${root}/scripts/bia"

# shellcheck source=test/fabric/binaries.sh
source "${root}/test/fabric/binaries.sh"
skip_without_fabric_binaries test:orgs peer orderer configtxgen configtxlator osnadmin cryptogen

BIA_GENERATED="$(mktemp -d "${TMPDIR:-/tmp}/bia-orgs-test.XXXXXX")"
export BIA_GENERATED
export BIA_FABRIC_CONNECTIONS="${BIA_GENERATED}/connections"
export BIA_ORGS_NAME=university BIA_ORGS_MSP_ID=UniversityMSP
pid_dir="${BIA_GENERATED}/pids"

fail() {
    echo "test:orgs: FAILED - $*" >&2
    exit 1
}

teardown() {
    local status=$?
    if [ "${BIA_KEEP_NETWORK:-}" = 1 ]; then
        echo "test:orgs: network kept running (BIA_KEEP_NETWORK=1): BIA_GENERATED=${BIA_GENERATED} ${bia} network down --clean" >&2
        exit "${status}"
    fi
    # The PIDs this network started, read before `down --clean` removes their files, to check none survives.
    local pids=() file pid
    for file in "${pid_dir}"/*.pid; do
        [ -f "${file}" ] || continue
        read -r pid _ <"${file}" && pids+=("${pid}")
    done
    "${bia}" network down --clean || status=1
    for pid in "${pids[@]}"; do
        if kill -0 "${pid}" 2>/dev/null; then
            echo "test:orgs: process ${pid} is still running after network down" >&2
            status=1
        fi
    done
    exit "${status}"
}
trap teardown EXIT

mocha_phase() {
    (cd "${root}" && BIA_ORGS_PHASE="$1" npx mocha test/orgs/orgs.test.ts)
}

timed() {
    local started="${SECONDS}"
    "$@"
    LAST_SECONDS=$((SECONDS - started))
}

timed "${bia}" network up
up_seconds="${LAST_SECONDS}"
timed "${bia}" chaincode deploy
deploy_seconds="${LAST_SECONDS}"

timed "${bia}" org add "${BIA_ORGS_NAME}"
add_seconds="${LAST_SECONDS}"
timed "${bia}" org add "${BIA_ORGS_NAME}"
readd_seconds="${LAST_SECONDS}"

# Only public material left the newcomer's folder: its MSP group in the channel has certificates, no private key.
group="${BIA_GENERATED}/orgs/${BIA_ORGS_NAME}/group.json"
grep -q '"root_certs"' "${group}" || fail "${group} has no root certificates"
if grep -q 'PRIVATE KEY' "${group}" || [ -e "${BIA_GENERATED}/organizations/peerOrganizations/${BIA_ORGS_NAME}.bia.example/msp/keystore" ]; then
    fail "the organisation's channel MSP holds private material"
fi
grep -q "terms_${BIA_ORGS_MSP_ID}" "${BIA_GENERATED}/chaincode/collections_config.json" ||
    fail "the collections configuration has no terms_${BIA_ORGS_MSP_ID}"
"${bia}" chaincode list

mocha_phase added

timed "${bia}" org remove "${BIA_ORGS_NAME}"
remove_seconds="${LAST_SECONDS}"
timed "${bia}" org remove "${BIA_ORGS_NAME}"
reremove_seconds="${LAST_SECONDS}"
[ ! -f "${pid_dir}/peer0.${BIA_ORGS_NAME}.pid" ] || fail "peer0.${BIA_ORGS_NAME} still has a PID file"
"${bia}" chaincode list

mocha_phase removed

echo "test:orgs: passed; network up ${up_seconds}s, chaincode deploy ${deploy_seconds}s, org add ${add_seconds}s (rerun ${readd_seconds}s), org remove ${remove_seconds}s (rerun ${reremove_seconds}s)" >&2
