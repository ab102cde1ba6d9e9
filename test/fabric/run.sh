#!/usr/bin/env bash
# npm run test:fabric: brings a real Fabric v2.5 network up (native processes), deploys the chaincode, runs the
# project's association and adversarial suites against it as each organisation, upgrades the chaincode, checks state
# survived, runs the suites again on the upgraded chaincode, and tears it all down.
# Reported as skipped when no Fabric binaries are found (BIA_FABRIC_BIN or PATH).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bia="${root}/scripts/bia"

# shellcheck source=test/fabric/binaries.sh
source "${root}/test/fabric/binaries.sh"
skip_without_fabric_binaries test:fabric peer orderer configtxgen osnadmin cryptogen

# A network of its own, in a temporary folder, so a developer's network/generated is left alone.
BIA_GENERATED="$(mktemp -d "${TMPDIR:-/tmp}/bia-fabric-test.XXXXXX")"
export BIA_GENERATED
export BIA_FABRIC_CONNECTIONS="${BIA_GENERATED}/connections"
# The adversarial suite's race for the charter needs an instance of the association's chaincode that nobody has
# bootstrapped: chaincode/ deployed a second time under this name; no suite ever bootstraps it.
export BIA_FABRIC_UNBOOTSTRAPPED_CHAINCODE=bia-unbootstrapped

teardown() {
    local status=$?
    if [ "${BIA_KEEP_NETWORK:-}" = 1 ]; then
        echo "test:fabric: network kept running (BIA_KEEP_NETWORK=1): BIA_GENERATED=${BIA_GENERATED} ${bia} network down --clean" >&2
    else
        "${bia}" network down --clean || status=1
    fi
    exit "${status}"
}
trap teardown EXIT

mocha_phase() {
    (cd "${root}" && BIA_FABRIC_PHASE="$1" npx mocha test/fabric/network.test.ts)
}

# The project's shared integration suites, the same files as on the devnet (they read BIA_FABRIC_CONNECTIONS).
# (The default is a variable of its own: inside ${...:-...} the glob's first '}' would end the expansion.)
association_suite() {
    local suite='test/integration/{association,adversarial}/**/*.test.ts'
    (cd "${root}" && npx mocha "${BIA_FABRIC_SUITE:-${suite}}")
}

started="${SECONDS}"
"${bia}" network up
up_seconds=$((SECONDS - started))
started="${SECONDS}"
"${bia}" chaincode deploy
deploy_seconds=$((SECONDS - started))
"${bia}" chaincode deploy --name "${BIA_FABRIC_UNBOOTSTRAPPED_CHAINCODE}" --path "${root}/chaincode"

mocha_phase deployed
started="${SECONDS}"
association_suite
suite_seconds=$((SECONDS - started))

started="${SECONDS}"
"${bia}" chaincode upgrade
upgrade_seconds=$((SECONDS - started))
mocha_phase upgraded
# Again on the upgraded chaincode: a second run finds the first run's association and takes over its council.
association_suite

echo "test:fabric: passed; network up ${up_seconds}s, chaincode deploy ${deploy_seconds}s, association suite ${suite_seconds}s, upgrade ${upgrade_seconds}s ($(sed -n 's/^batchTimeout=//p' "${BIA_GENERATED}/network.settings") BatchTimeout)" >&2
