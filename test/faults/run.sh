#!/usr/bin/env bash
# npm run test:faults: a real Fabric v2.5 network of three Raft orderers and two healthco peers (native processes, in
# a temporary folder), the benchmark's baseline chaincode deployed as `faults`, then test/faults/faults.test.ts kills
# orderers, peers, the chaincode server and the whole network under a stream of submits, and audits the ledger.
# Everything is torn down at the end, pass or fail. Reported as skipped when no Fabric binaries are found.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bia="${root}/scripts/bia"

# shellcheck source=test/fabric/binaries.sh
source "${root}/test/fabric/binaries.sh"
skip_without_fabric_binaries test:faults peer orderer configtxgen osnadmin cryptogen

BIA_GENERATED="$(mktemp -d "${TMPDIR:-/tmp}/bia-faults-test.XXXXXX")"
export BIA_GENERATED
export BIA_FAULTS_CHAINCODE=faults

teardown() {
    local status=$?
    "${bia}" network down --clean || status=1
    exit "${status}"
}
trap teardown EXIT

started="${SECONDS}"
"${bia}" network up --orderers 3 --peers-per-org 2
"${bia}" chaincode deploy --name "${BIA_FAULTS_CHAINCODE}" --path "${root}/test/bench/baseline-chaincode"
ready_seconds=$((SECONDS - started))

started="${SECONDS}"
(cd "${root}" && npx mocha --timeout 900000 ${BIA_FAULTS_GREP:+--grep "${BIA_FAULTS_GREP}"} test/faults/faults.test.ts)
echo "test:faults: passed; network up and deploy ${ready_seconds}s, fault cases $((SECONDS - started))s" >&2
