#!/usr/bin/env bash
# npm run test:hosts: a rehearsal of a multi-machine deployment on this one machine. The ordering organisation and
# every organisation run on their own host (a Linux network namespace with its own address on a private bridge,
# test/hosts/machines.sh), make their crypto material in their own host's folder and hand the others only public
# material; every endpoint is a host name. The test brings the network up across the hosts (`scripts/bia network up
# --hosts`), deploys the chaincode (one chaincode server per organisation, on its own host), checks the hosts
# (test/hosts/hosts.test.ts: keys, endpoints, namespaces, each server's MSP), runs the association suite from a
# client host, provisions a new host and adds a fifth organisation there (`scripts/bia org add --host`), has a member
# it hosts transact (test/orgs/orgs.test.ts), checks the hosts again, then tears everything down and checks that no
# namespace, link, hosts file, process or folder of its own is left.
# Reported as skipped where network namespaces cannot be made (not root, no `ip`, `ip netns add` fails) or Fabric's
# binaries are absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bia="${root}/scripts/bia"

skip() {
    echo "test:hosts: SKIPPED - $*" >&2
    exit 0
}
fail() {
    echo "test:hosts: FAILED - $*" >&2
    exit 1
}

[ "$(id -u)" = 0 ] || skip "network namespaces need root (this runs as uid $(id -u))"
command -v ip >/dev/null 2>&1 || skip "'ip' (iproute2) is not installed"
# shellcheck source=test/fabric/binaries.sh
source "${root}/test/fabric/binaries.sh"
skip_without_fabric_binaries test:hosts peer orderer configtxgen configtxlator osnadmin cryptogen discover
# shellcheck source=test/hosts/machines.sh
source "${root}/test/hosts/machines.sh"

# One rehearsal at a time: the namespaces, bridge and addresses are fixed.
exec 9>"${TMPDIR:-/tmp}/bia-hosts.lock"
flock -w 900 9 || fail "another test:hosts has held ${TMPDIR:-/tmp}/bia-hosts.lock for 15 minutes"
# An earlier run that was killed before its EXIT trap may have left namespaces, links, hosts files or folders.
biah_cleanup
rm -rf "${TMPDIR:-/tmp}/bia-hosts-test."*
reason=""
reason="$(biah_can_make_namespaces)" || skip "cannot create a network namespace (ip netns add: ${reason})"

work="$(mktemp -d "${TMPDIR:-/tmp}/bia-hosts-test.XXXXXX")"
BIA_GENERATED="${work}/network"
export BIA_GENERATED
export BIA_FABRIC_CONNECTIONS="${BIA_GENERATED}/connections"
export BIA_ORGS_NAME=university BIA_ORGS_MSP_ID=UniversityMSP
inventory="${work}/inventory.json"
organizations=(orderer secretariat healthco healthcentres carrier)

teardown() {
    local status=$? started="${SECONDS}"
    if [ "${BIA_KEEP_NETWORK:-}" = 1 ]; then
        echo "test:hosts: network kept (BIA_KEEP_NETWORK=1): BIA_GENERATED=${BIA_GENERATED} ${bia} network down --clean; the next run removes the ${BIAH_PREFIX}-* namespaces" >&2
        exit "${status}"
    fi
    # The PIDs this network started, read before `down --clean` removes their files, to check none survives.
    local pids=() file pid ns name left
    for file in "${BIA_GENERATED}/pids"/*.pid; do
        [ -f "${file}" ] || continue
        read -r pid _ <"${file}" && pids+=("${pid}")
    done
    if [ -d "${BIA_GENERATED}" ]; then
        "${bia}" network down --clean || status=1
    fi
    for pid in "${pids[@]}"; do
        if kill -0 "${pid}" 2>/dev/null; then
            echo "test:hosts: process ${pid} is still running after network down" >&2
            status=1
        fi
    done
    # Nothing may still run on any of our hosts.
    for name in "${BIAH_MACHINES[@]}"; do
        ns="${BIAH_NETNS[${name}]}"
        left="$(ip netns pids "${ns}" 2>/dev/null | tr '\n' ' ')"
        if [ -n "${left}" ]; then
            echo "test:hosts: processes still on host ${name} (${ns}) after network down: ${left}" >&2
            status=1
        fi
    done
    biah_cleanup
    rm -rf "${work}"
    left="$(biah_leftovers)"
    [ ! -e "${work}" ] || left+=" folder ${work}"
    if [ -n "${left}" ]; then
        echo "test:hosts: left behind after teardown: ${left}" >&2
        status=1
    else
        echo "test:hosts: teardown in $((SECONDS - started))s; no namespace, link, hosts file, process or folder of ours is left" >&2
    fi
    if [ "${status}" -eq 0 ]; then
        echo "test:hosts: passed; ${summary:-}" >&2
    fi
    exit "${status}"
}
trap teardown EXIT

timed() {
    local started="${SECONDS}"
    "$@"
    LAST_SECONDS=$((SECONDS - started))
}

# on_client COMMAND...: runs from the client's host (the test runner's machine), in the repository.
on_client() {
    (cd "${root}" && ip netns exec "${BIAH_NETNS[client]}" "$@")
}

hosts_phase() {
    on_client env BIA_HOSTS_PHASE="$1" BIA_HOSTS_INVENTORY="${inventory}" npx mocha test/hosts/hosts.test.ts
}

chaincode_host="$(cd "${root}" && node --require tsx/cjs network/tools/src/main.ts get chaincodeServerHost)"

# ---- the machines: the client, the ordering organisation's host and one host per organisation ----
timed_machines="${SECONDS}"
biah_bridge
biah_machine client 2
byte=10
for name in "${organizations[@]}"; do
    biah_machine "${name}" "${byte}"
    byte=$((byte + 1))
done
biah_hosts_files "${chaincode_host}"
for name in "${organizations[@]}"; do
    biah_check_reachable client "${name}" || fail "client cannot reach $(biah_host "${name}") over the bridge"
done
biah_check_reachable secretariat orderer || fail "secretariat cannot reach $(biah_host orderer) over the bridge"
biah_inventory "${inventory}" "${organizations[@]}"
machines_seconds=$((SECONDS - timed_machines))
echo "test:hosts: ${#BIAH_MACHINES[@]} hosts on bridge ${BIAH_BRIDGE} (${BIAH_SUBNET}.0/24) in ${machines_seconds}s" >&2

# ---- the founding network across the hosts ----
# Three Raft orderers, all on the ordering organisation's host: they are one organisation's nodes, and its keys stay
# on its machine; the cluster still talks through the host name, as Raft nodes on one machine would.
timed "${bia}" network up --hosts "${inventory}" --orderers 3
up_seconds="${LAST_SECONDS}"
timed "${bia}" chaincode deploy
deploy_seconds="${LAST_SECONDS}"
timed hosts_phase deployed
checks_seconds="${LAST_SECONDS}"

# The project's association suite, unchanged, from the client's host.
timed on_client npx mocha 'test/integration/association/**/*.test.ts'
suite_seconds="${LAST_SECONDS}"

# ---- a new organisation on a new host ----
started="${SECONDS}"
biah_machine "${BIA_ORGS_NAME}" "${byte}"
biah_hosts_files "${chaincode_host}"
biah_check_reachable "${BIA_ORGS_NAME}" orderer || fail "the new host cannot reach the orderers' host"
biah_inventory "${inventory}" "${organizations[@]}"
provision_seconds=$((SECONDS - started))
timed "${bia}" org add "${BIA_ORGS_NAME}" --host "$(biah_host "${BIA_ORGS_NAME}")"
add_seconds="${LAST_SECONDS}"
timed on_client env BIA_ORGS_PHASE=added npx mocha test/orgs/orgs.test.ts
member_seconds="${LAST_SECONDS}"
hosts_phase added

summary="hosts ${machines_seconds}s, network up across ${#organizations[@]} hosts ${up_seconds}s, chaincode deploy ${deploy_seconds}s, host checks ${checks_seconds}s, association suite ${suite_seconds}s, new host ${provision_seconds}s, org add --host ${add_seconds}s, its member's story ${member_seconds}s"
