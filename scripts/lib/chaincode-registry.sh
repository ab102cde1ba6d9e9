# shellcheck shell=bash
# Which chaincode a `bia chaincode` command works on: the association's (name, policy, collections and server port
# from topology.json, code in chaincode/) or another one named with --name (a benchmark's baseline, a sample),
# whose code folder, policy and server ports are recorded at its first deployment in
# generated/chaincode/definitions/<name>.conf, so that upgrades and `network up` find them again.
#
# Each chaincode has two server ports (base, base+1) for its upgrades. The association's base is topology.json's;
# another chaincode takes the first free pair above it (base+2, base+4, ...) unless --port names one.

BIA_CC_DIR="${BIA_GENERATED}/chaincode"
BIA_CC_DEFINITIONS="${BIA_CC_DIR}/definitions"

# Fabric's rule for chaincode names (the lifecycle refuses others).
valid_chaincode_name() { [[ "$1" =~ ^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$ ]]; }

# Reads channel, chaincode name, endorsement policy and server base port from the topology, and makes the
# association's chaincode the one worked on.
load_chaincode_settings() {
    local values
    mapfile -t values < <(network_config get channel chaincode endorsementPolicy chaincodeServerPort)
    # shellcheck disable=SC2034 # read by chaincode.sh
    CHANNEL="${values[0]}"
    TOPOLOGY_CC_NAME="${values[1]}"
    TOPOLOGY_CC_POLICY="${values[2]}"
    TOPOLOGY_CC_PORT="${values[3]}"
    CC_NAME="${TOPOLOGY_CC_NAME}"
    CC_POLICY="${TOPOLOGY_CC_POLICY}"
    CC_BASE_PORT="${TOPOLOGY_CC_PORT}"
    CC_PATH="${BIA_ROOT}/chaincode"
    # One terms collection per organisation of the network's topology (org.sh): the founding four give exactly
    # chaincode/collections_config.json; `org add|remove` regenerate it.
    CC_COLLECTIONS="${BIA_CC_DIR}/collections_config.json"
    [ -f "${CC_COLLECTIONS}" ] || write_collections
}

is_default_chaincode() { [ "${CC_NAME}" = "${TOPOLOGY_CC_NAME}" ]; }

definition_file() { printf '%s/%s.conf' "${BIA_CC_DEFINITIONS}" "$1"; }

# A value (path, port or policy) recorded for a named chaincode; empty when none.
recorded() {
    local file
    file="$(definition_file "$1")"
    [ -f "${file}" ] || return 0
    sed -n "s/^$2=//p" "${file}"
}

# The base ports other chaincodes have recorded (the association's is always reserved).
reserved_ports() {
    local file
    printf '%s\n' "${TOPOLOGY_CC_PORT}"
    for file in "${BIA_CC_DEFINITIONS}"/*.conf; do
        [ -f "${file}" ] || continue
        [ "$(basename "${file}" .conf)" != "$1" ] || continue
        sed -n 's/^port=//p' "${file}"
    done
}

# The first pair of ports above the association's that no other chaincode has and nothing listens on.
allocate_port() {
    local name="$1" reserved port
    reserved="$(reserved_ports "${name}")"
    for ((port = TOPOLOGY_CC_PORT + 2; port < TOPOLOGY_CC_PORT + 200; port += 2)); do
        grep -qxF "${port}" <<<"${reserved}" && continue
        if ! port_open "${port}" && ! port_open $((port + 1)); then
            printf '%s' "${port}"
            return 0
        fi
    done
    fatal "no free pair of chaincode server ports above ${TOPOLOGY_CC_PORT}; name one with --port"
}

# Makes a named chaincode the one worked on. Its code folder, policy and port come from the flags at the first
# deployment and from its record afterwards; a flag that contradicts the record is refused (an upgrade changes
# the policy; the folder and ports stay).
select_chaincode() {
    local name="$1" path="$2" policy="$3" port="$4"
    if [ -z "${name}" ] || [ "${name}" = "${TOPOLOGY_CC_NAME}" ]; then
        [ -z "${path}${policy}${port}" ] ||
            fatal "--path, --policy and --port are for other chaincodes; '${TOPOLOGY_CC_NAME}' takes them from topology.json and chaincode/"
        return 0
    fi
    valid_chaincode_name "${name}" || fatal "'${name}' is not a valid chaincode name (letters and digits, joined by - or _)"
    local recorded_path recorded_port
    recorded_path="$(recorded "${name}" path)"
    recorded_port="$(recorded "${name}" port)"
    if [ -n "${path}" ]; then
        [ -d "${path}" ] || fatal "--path ${path} is not a folder"
        path="$(cd "${path}" && pwd)"
        [ -z "${recorded_path}" ] || [ "${recorded_path}" = "${path}" ] ||
            fatal "chaincode '${name}' was deployed from ${recorded_path}, not ${path}"
    fi
    path="${path:-${recorded_path}}"
    [ -n "${path}" ] || fatal "chaincode '${name}' has not been deployed yet: give its code folder with --path"
    [ -f "${path}/package.json" ] || fatal "${path} has no package.json: not a Node.js chaincode"
    if [ -n "${port}" ]; then
        [[ "${port}" =~ ^[1-9][0-9]{0,4}$ ]] || fatal "--port must be a TCP port, not '${port}'"
        [ "${port}" -lt 65535 ] || fatal "--port must be below 65535 (it and the next port serve upgrades), not '${port}'"
        [ -z "${recorded_port}" ] || [ "${recorded_port}" = "${port}" ] ||
            fatal "chaincode '${name}' is served on port ${recorded_port}, not ${port}"
        local reserved
        reserved="$(reserved_ports "${name}")"
        if grep -qxF -e "${port}" -e $((port - 1)) -e $((port + 1)) <<<"${reserved}"; then
            fatal "--port ${port}: that port or its neighbour is another chaincode's server port"
        fi
    fi
    CC_NAME="${name}"
    CC_PATH="${path}"
    CC_BASE_PORT="${port:-${recorded_port}}"
    CC_BASE_PORT="${CC_BASE_PORT:-$(allocate_port "${name}")}"
    CC_POLICY="${policy:-$(recorded "${name}" policy)}"
    CC_POLICY="${CC_POLICY:-${TOPOLOGY_CC_POLICY}}"
    CC_COLLECTIONS=""
    [ ! -f "${path}/collections_config.json" ] || CC_COLLECTIONS="${path}/collections_config.json"
}

# Records a named chaincode's folder, ports and policy (the association's need no record).
record_chaincode() {
    is_default_chaincode && return 0
    mkdir -p "${BIA_CC_DEFINITIONS}"
    printf 'path=%s\nport=%s\npolicy=%s\n' "${CC_PATH}" "${CC_BASE_PORT}" "${CC_POLICY}" >"$(definition_file "${CC_NAME}")"
}

# The named chaincodes recorded on this network.
recorded_chaincodes() {
    local file
    for file in "${BIA_CC_DEFINITIONS}"/*.conf; do
        [ -f "${file}" ] && basename "${file}" .conf
    done
    return 0
}

# ---- a running server's files beside its PID file: <server>.id (package ID), .name (chaincode), .path (code) ----

server_name() { printf 'chaincode-%s' "$1"; }

record_server() {
    local name="$1"
    printf '%s\n' "${PACKAGE_ID}" >"${BIA_CC_DIR}/${name}.id"
    printf '%s\n' "${CC_NAME}" >"${BIA_CC_DIR}/${name}.name"
    printf '%s\n' "${CC_PATH}" >"${BIA_CC_DIR}/${name}.path"
}

forget_server() { rm -f "${BIA_CC_DIR}/$1.id" "${BIA_CC_DIR}/$1.name" "${BIA_CC_DIR}/$1.path"; }

# Sets PACKAGE_ID, CC_NAME and CC_PATH from a server's files (a server recorded before .name and .path existed
# served the association's chaincode).
load_server() {
    local name="$1"
    PACKAGE_ID="$(cat "${BIA_CC_DIR}/${name}.id")"
    CC_NAME="$(cat "${BIA_CC_DIR}/${name}.name" 2>/dev/null || printf '%s' "${TOPOLOGY_CC_NAME}")"
    CC_PATH="$(cat "${BIA_CC_DIR}/${name}.path" 2>/dev/null || printf '%s' "${BIA_ROOT}/chaincode")"
}
