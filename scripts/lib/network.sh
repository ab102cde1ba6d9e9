# shellcheck shell=bash
# `bia network up|down|status`: the real Fabric network as native processes, tracked by PID files.

BIA_SETTINGS_FILE="${BIA_GENERATED}/network.settings"

# Reads the node lists from the topology into ORDERERS and PEERS (arrays of |-separated lines); PEERS holds each
# organisation's first N peers, N the network's --peers-per-org (1 unless it was created with more).
load_nodes() {
    local count="$1" per_org
    load_runtime
    per_org="$(saved_setting peersPerOrg)"
    mapfile -t ORDERERS < <(network_config orderers --generated "${BIA_GENERATED}" --orderers "${count}")
    mapfile -t PEERS < <(network_config peers --generated "${BIA_GENERATED}" --peers-per-org "${per_org:-1}")
    if [ "${#ORDERERS[@]}" -eq 0 ] || [ "${#PEERS[@]}" -eq 0 ]; then
        fatal "could not read nodes from network/config/topology.json"
    fi
}

# The orderer count the generated network was created with (or the default, before any `network up`).
current_orderer_count() {
    local count
    count="$(saved_setting orderers)"
    printf '%s' "${count:-${BIA_ORDERERS}}"
}

# Records the chosen settings; refuses to change them under an existing ledger (that needs --clean).
save_settings() {
    local settings="$1"
    if [ -f "${BIA_SETTINGS_FILE}" ] && [ "$(cat "${BIA_SETTINGS_FILE}")" != "${settings}" ] && [ -d "${BIA_GENERATED}/data" ]; then
        fatal "the existing network was created with other settings:
$(sed 's/^/    /' "${BIA_SETTINGS_FILE}")
    run 'scripts/bia network down --clean' first to start over with:
$(printf '%s\n' "${settings}" | sed 's/^/    /')"
    fi
    printf '%s\n' "${settings}" >"${BIA_SETTINGS_FILE}"
}

# Crypto material from cryptogen, or from one Fabric CA per organisation (same layout either way).
generate_crypto() {
    if [ "$1" = fabric-ca ]; then
        generate_crypto_with_ca
        return
    fi
    if hosts_mode; then
        generate_crypto_on_hosts
        return
    fi
    if [ -d "${BIA_GENERATED}/organizations" ]; then
        info "crypto material exists; keeping it"
        return
    fi
    run cryptogen generate --config="${BIA_GENERATED}/config/crypto-config.yaml" --output="${BIA_GENERATED}/organizations"
}

# Each node gets Fabric's own sample YAML from the release beside the binaries; peers get it patched.
write_node_yaml() {
    local line name node
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r name _ <<<"${line}"
        cp "${FABRIC_SAMPLE_CONFIG}/orderer.yaml" "${BIA_GENERATED}/nodes/${name}/orderer.yaml"
    done
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ <<<"${line}"
        network_config core-yaml --sample "${FABRIC_SAMPLE_CONFIG}/core.yaml" \
            --out "${BIA_GENERATED}/nodes/${node}/core.yaml" --builder "${BIA_NETWORK_DIR}/builders/ccaas"
    done
}

# Before starting anything: every port of a node that is not running yet must be free.
require_ports_free() {
    local line name port admin_port ops_port node cc_port
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r name port admin_port ops_port _ <<<"${line}"
        node_running "${name}" && continue
        require_port_free "${port}" "${name}" "${name}"
        require_port_free "${admin_port}" "${name} admin" "${name}"
        require_port_free "${ops_port}" "${name} operations" "${name}"
    done
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node port cc_port ops_port _ <<<"${line}"
        node_running "${node}" && continue
        require_port_free "${port}" "${node}" "${node}"
        require_port_free "${cc_port}" "${node} chaincode" "${node}"
        require_port_free "${ops_port}" "${node} operations" "${node}"
    done
}

start_orderers() {
    local line name ops_port containers=()
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r name _ <<<"${line}"
        if node_running "${name}"; then
            info "${name} already running"
            continue
        fi
        mkdir -p "${BIA_GENERATED}/data/${name}"
        if is_container "${name}"; then
            containers+=("${name}")
        else
            start_process "${name}" "${BIA_GENERATED}/nodes/${name}/node.env" orderer
        fi
    done
    [ "${#containers[@]}" -eq 0 ] || start_containers "${containers[@]}"
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r name _ _ ops_port _ <<<"${line}"
        wait_process_ready "${name}" "${name} health (http://127.0.0.1:${ops_port}/healthz)" \
            http_ok "http://127.0.0.1:${ops_port}/healthz" "${name}"
    done
}

start_peers() {
    local line node ops_port containers=()
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ <<<"${line}"
        if node_running "${node}"; then
            info "${node} already running"
            continue
        fi
        mkdir -p "${BIA_GENERATED}/data/${node}"
        if is_container "${node}"; then
            containers+=("${node}")
        else
            start_process "${node}" "${BIA_GENERATED}/nodes/${node}/node.env" peer node start
        fi
    done
    [ "${#containers[@]}" -eq 0 ] || start_containers "${containers[@]}"
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ _ ops_port _ <<<"${line}"
        wait_process_ready "${node}" "${node} health (http://127.0.0.1:${ops_port}/healthz)" \
            http_ok "http://127.0.0.1:${ops_port}/healthz" "${node}"
    done
}

network_up_usage() {
    cat <<USAGE
usage: bia network up [--orderers 1|3] [--batch-timeout DURATION] [--max-message-count N]
                     [--state-database goleveldb|CouchDB] [--ca cryptogen|fabric-ca] [--runtime native|docker]
                     [--peers-per-org N] [--hosts FILE]

Generates crypto material and node configuration from network/config/topology.json, starts the Raft orderer(s)
and one peer per organisation as native processes (TLS everywhere), creates channel '$(network_config get channel)'
through the channel participation API and joins every peer. Rerunning it starts only what is not running.

Without flags, an existing network keeps the settings it was created with.
  --orderers N           Raft orderers: 1 (default ${BIA_ORDERERS}) or 3
  --batch-timeout D      block cutting timeout, Fabric duration (default from topology.json: $(network_config get batchTimeoutMs)ms)
  --max-message-count N  transactions per block (default from topology.json: $(network_config get maxMessageCount))
  --state-database DB    goleveldb (default) or CouchDB (needs a CouchDB at BIA_COUCHDB_ADDRESS=${BIA_COUCHDB_ADDRESS})
  --ca ISSUER            cryptogen (default ${BIA_CA}) or fabric-ca: one Fabric CA server per organisation (ports in
                         topology.json) registers and enrols nodes, admins and users; the CAs keep running
  --runtime R            native (default ${BIA_RUNTIME}): Fabric's binaries as processes; or docker: the orderers
                         and peers as containers of network/compose/compose.yaml (official images, host network,
                         same generated configuration; untested where this was written)
  --peers-per-org N      run each organisation's first N peers: its peer, then the 'extraPeers' topology.json
                         gives it (default 1; native runtime only). The fault tests use 2 (a second healthco peer)
  --hosts FILE           spread the network over hosts: FILE, {"machines": {HOST: NETNS}, "placement": {ORG: HOST}},
                         places the ordering organisation and every organisation on a machine (here a Linux network
                         namespace); each makes its own crypto material there and is reached at its host name
                         (network/README.md, "A real consortium"; npm run test:hosts). Native runtime, cryptogen
USAGE
}

# A setting of the existing network (empty before the first `network up`).
saved_setting() {
    if [ -f "${BIA_SETTINGS_FILE}" ]; then
        sed -n "s/^$1=//p" "${BIA_SETTINGS_FILE}"
    fi
}

network_up() {
    local orderers="" batch_timeout="" max_messages="" state_db="" ca="" runtime="" per_org="" hosts=""
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --orderers) orderers="${2:?--orderers needs a value}"; shift 2 ;;
            --batch-timeout) batch_timeout="${2:?--batch-timeout needs a value}"; shift 2 ;;
            --max-message-count) max_messages="${2:?--max-message-count needs a value}"; shift 2 ;;
            --state-database) state_db="${2:?--state-database needs a value}"; shift 2 ;;
            --ca) ca="${2:?--ca needs a value}"; shift 2 ;;
            --runtime) runtime="${2:?--runtime needs a value}"; shift 2 ;;
            --peers-per-org) per_org="${2:?--peers-per-org needs a value}"; shift 2 ;;
            --hosts) hosts="${2:?--hosts needs a value}"; shift 2 ;;
            -h | --help) network_up_usage; return 0 ;;
            *) network_up_usage >&2; fatal "unknown option '$1'" ;;
        esac
    done
    # Without a flag, an existing network keeps its settings; a new one takes the defaults.
    orderers="${orderers:-$(saved_setting orderers)}"
    orderers="${orderers:-${BIA_ORDERERS}}"
    state_db="${state_db:-$(saved_setting stateDatabase)}"
    state_db="${state_db:-${BIA_STATE_DATABASE}}"
    ca="${ca:-$(saved_setting ca)}"
    ca="${ca:-${BIA_CA}}"
    runtime="${runtime:-$(saved_setting runtime)}"
    runtime="${runtime:-${BIA_RUNTIME}}"
    batch_timeout="${batch_timeout:-$(saved_setting batchTimeout)}"
    max_messages="${max_messages:-$(saved_setting maxMessageCount)}"
    per_org="${per_org:-$(saved_setting peersPerOrg)}"
    per_org="${per_org:-1}"
    case "${orderers}" in 1 | 3) ;; *) fatal "--orderers must be 1 or 3, not '${orderers}'" ;; esac
    case "${state_db}" in goleveldb | CouchDB) ;; *) fatal "--state-database must be goleveldb or CouchDB, not '${state_db}'" ;; esac
    case "${ca}" in cryptogen | fabric-ca) ;; *) fatal "--ca must be cryptogen or fabric-ca, not '${ca}'" ;; esac
    case "${runtime}" in native | docker) ;; *) fatal "--runtime must be native or docker, not '${runtime}'" ;; esac
    [[ "${batch_timeout:-1ms}" =~ ^[0-9]+(ms|s)$ ]] || fatal "--batch-timeout must be a duration like 100ms or 2s, not '${batch_timeout}'"
    [[ "${max_messages:-1}" =~ ^[1-9][0-9]*$ ]] || fatal "--max-message-count must be a positive integer, not '${max_messages}'"
    [[ "${per_org}" =~ ^[1-9][0-9]*$ ]] || fatal "--peers-per-org must be a positive integer, not '${per_org}'"
    [ "${per_org}" = 1 ] || [ "${runtime}" = native ] || fatal "--peers-per-org ${per_org} needs --runtime native (compose.yaml has one peer per organisation)"
    hosts="${hosts:-$(saved_setting hosts)}"
    if [ -n "${hosts}" ]; then
        [ -f "${hosts}" ] || fatal "--hosts ${hosts}: no such file"
        hosts="$(cd "$(dirname "${hosts}")" && pwd)/$(basename "${hosts}")"
        if [ "${ca}" != cryptogen ] || [ "${runtime}" != native ] || [ "${per_org}" != 1 ]; then
            fatal "--hosts needs --ca cryptogen, --runtime native and one peer per organisation"
        fi
    fi
    batch_timeout="${batch_timeout:-$(network_config get batchTimeoutMs)ms}"
    max_messages="${max_messages:-$(network_config get maxMessageCount)}"

    local started="${SECONDS}" per_org_setting=""
    # Recorded only when not the default, so a network created before the option existed keeps its settings.
    [ "${per_org}" = 1 ] || per_org_setting="
peersPerOrg=${per_org}"
    [ -z "${hosts}" ] || per_org_setting+="
hosts=${hosts}"
    init_logs network up "$@"
    require_tools
    require_fabric
    # The network's own topology: the founding one, then grown or shrunk by `org add|remove`.
    [ -f "${BIA_TOPOLOGY}" ] || cp "${BIA_NETWORK_DIR}/config/topology.json" "${BIA_TOPOLOGY}"
    save_settings "orderers=${orderers}
batchTimeout=${batch_timeout}
maxMessageCount=${max_messages}
stateDatabase=${state_db}
raftTick=${BIA_RAFT_TICK}
ca=${ca}
runtime=${runtime}${per_org_setting}"
    RUNTIME="${runtime}"
    [ "${RUNTIME}" != docker ] || require_compose
    info "network up: ${orderers} orderer(s), BatchTimeout ${batch_timeout}, MaxMessageCount ${max_messages}, ${state_db}, crypto from ${ca}, ${runtime} runtime"
    local couch=()
    [ "${state_db}" != "CouchDB" ] || couch=(--couchdb-address "${BIA_COUCHDB_ADDRESS}")
    [ -z "${hosts}" ] || init_placement "${hosts}"
    network_config render --generated "${BIA_GENERATED}" --orderers "${orderers}" --batch-timeout "${batch_timeout}" \
        --max-message-count "${max_messages}" --raft-tick "${BIA_RAFT_TICK}" --state-database "${state_db}" \
        --peers-per-org "${per_org}" "${couch[@]}"
    [ "${RUNTIME}" != docker ] || write_compose_env
    load_nodes "${orderers}"
    require_ports_free
    generate_crypto "${ca}"
    write_node_yaml
    start_orderers
    start_peers
    channel_create_steps
    resume_chaincode_servers
    info "network up in $((SECONDS - started))s; connection files in ${BIA_GENERATED}/connections/"
}

network_down_usage() {
    cat <<USAGE
usage: bia network down [--clean]

Stops every process 'bia' started (chaincode servers, peers, orderers), by the PIDs it recorded.
  --clean   also removes all generated state (${BIA_GENERATED})
USAGE
}

# Names of the processes with a PID file matching a glob pattern.
pid_names() {
    local file
    for file in "${BIA_PID_DIR}"/$1.pid; do
        [ -f "${file}" ] && basename "${file}" .pid
    done
    return 0
}

network_down() {
    local clean=false
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --clean) clean=true; shift ;;
            -h | --help) network_down_usage; return 0 ;;
            *) network_down_usage >&2; fatal "unknown option '$1'" ;;
        esac
    done
    if [ ! -d "${BIA_PID_DIR}" ]; then
        info "nothing is running (no ${BIA_PID_DIR})"
    else
        init_logs network down "$@"
        load_runtime
        # Chaincode servers first, then peers, then orderers (and CAs), so nothing logs errors about a vanished
        # dependency; in the docker runtime, peers and orderers are containers.
        local pattern names
        for pattern in 'chaincode-*' 'peer*' '*'; do
            [ "${pattern}" != 'peer*' ] || [ "${RUNTIME}" != docker ] || stop_containers
            mapfile -t names < <(pid_names "${pattern}")
            [ "${#names[@]}" -eq 0 ] || stop_processes "${names[@]}"
        done
    fi
    if [ "${clean}" = true ]; then
        info "removing ${BIA_GENERATED}"
        rm -rf "${BIA_GENERATED}"
    fi
    info "network down"
}

network_status() {
    case "${1:-}" in
        -h | --help) printf 'usage: bia network status\n\nShows each process, its PID and readiness, and the channel height on each peer.\n'; return 0 ;;
        "") ;;
        *) fatal "unknown option '$1'" ;;
    esac
    if [ ! -f "${BIA_SETTINGS_FILE}" ]; then
        info "no network has been created (run: scripts/bia network up)"
        return 0
    fi
    require_fabric
    load_nodes "$(current_orderer_count)"
    [ "${RUNTIME}" != docker ] || require_compose
    sed 's/^/settings: /' "${BIA_SETTINGS_FILE}"
    local line name node ops_port pid channel
    channel="$(network_config get channel)"
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r name _ _ ops_port _ <<<"${line}"
        if is_container "${name}" && node_running "${name}"; then
            printf '%-20s running (container), health %s\n' "${name}" \
                "$(http_ok "http://127.0.0.1:${ops_port}/healthz" && echo OK || echo 'not OK')"
        elif pid="$(running_pid "${name}")"; then
            printf '%-20s running (pid %s), health %s\n' "${name}" "${pid}" \
                "$(http_ok "http://127.0.0.1:${ops_port}/healthz" "${name}" && echo OK || echo 'not OK')"
        else
            printf '%-20s stopped\n' "${name}"
        fi
    done
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ _ ops_port _ <<<"${line}"
        if is_container "${node}" && node_running "${node}"; then
            printf '%-20s running (container), %s\n' "${node}" "$(peer_channel_height "${node}" "${channel}")"
        elif pid="$(running_pid "${node}")"; then
            printf '%-20s running (pid %s), %s\n' "${node}" "${pid}" "$(peer_channel_height "${node}" "${channel}")"
        else
            printf '%-20s stopped\n' "${node}"
        fi
    done
    local file
    for file in "${BIA_PID_DIR}"/ca-*.pid; do
        [ -f "${file}" ] || continue
        name="$(basename "${file}" .pid)"
        if pid="$(running_pid "${name}")"; then
            printf '%-20s running (pid %s)\n' "${name}" "${pid}"
        else
            printf '%-20s stopped\n' "${name}"
        fi
    done
    for file in "${BIA_PID_DIR}"/chaincode-*.pid; do
        [ -f "${file}" ] || continue
        name="$(basename "${file}" .pid)"
        if pid="$(running_pid "${name}")"; then
            printf '%-20s running (pid %s), package %s\n' "${name}" "${pid}" "$(cat "${BIA_GENERATED}/chaincode/${name}.id" 2>/dev/null)"
        else
            printf '%-20s stopped\n' "${name}"
        fi
    done
}
