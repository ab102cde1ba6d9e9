# shellcheck shell=bash
# `bia channel create`: the channel's genesis block, osnadmin joins (no system channel), peer joins, readiness.

# peer CLI as the organisation's admin, against its own peer (runs in a subshell, so the environment stays local);
# on a network spread over hosts, on that organisation's host.
as_admin() {
    local node="$1"
    shift
    (
        # shellcheck source=/dev/null
        source "${BIA_GENERATED}/nodes/${node}/admin.env"
        on_node "${node}" "$@"
    )
}

peer_channel_height() {
    local node="$1" channel="$2" output
    if output="$(as_admin "${node}" peer channel getinfo -c "${channel}" 2>/dev/null)"; then
        printf 'channel %s height %s' "${channel}" "$(printf '%s' "${output}" | sed -n 's/.*"height":\([0-9]*\).*/\1/p')"
    else
        printf 'not on channel %s' "${channel}"
    fi
}

# Runs a peer CLI command as an organisation's admin, echoing the peer command itself.
run_as_admin() {
    local node="$1"
    shift
    RUN_DISPLAY="[admin of ${node}] $*" run as_admin "${node}" "$@"
}

# Sets OSNADMIN_ARGS: the orderer admin endpoint with the admin's TLS client certificate (client auth is required).
# The admin endpoint listens on its host's loopback: osnadmin runs there (on_node), as the orderer organisation's admin.
osnadmin_args() {
    local admin_port tls_ca cert key
    IFS='|' read -r OSNADMIN_NODE _ admin_port _ _ tls_ca cert key <<<"$1"
    OSNADMIN_ARGS=(-o "127.0.0.1:${admin_port}" --ca-file "${tls_ca}" --client-cert "${cert}" --client-key "${key}")
}

orderer_has_channel() {
    osnadmin_args "$1"
    on_node "${OSNADMIN_NODE}" osnadmin channel list "${OSNADMIN_ARGS[@]}" --channelID "$2" 2>/dev/null | grep -q '"name": *"'"$2"'"'
}

# A Raft leader exists for the channel on some orderer: before that, every submit fails with "no Raft leader".
raft_has_leader() {
    local channel="$1" line name ops_port metrics
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r name _ _ ops_port _ <<<"${line}"
        # Captured first: with pipefail, grep -q quitting early could make curl fail the pipeline.
        metrics="$(on_node "${name}" curl -fsS --max-time 2 "http://127.0.0.1:${ops_port}/metrics" 2>/dev/null)" || continue
        if grep -q "^consensus_etcdraft_is_leader{channel=\"${channel}\"} 1" <<<"${metrics}"; then
            return 0
        fi
    done
    return 1
}

peer_on_channel() { as_admin "$1" peer channel getinfo -c "$2" >/dev/null 2>&1; }

# Gossip has spread membership: the peer's discovery service lists every organisation's peer on the channel.
peer_sees_all_peers() {
    local channel="$1" expected="$2" msp node port tls_ca cert key seen
    IFS='|' read -r _ msp node port _ _ tls_ca cert key <<<"$3"
    seen="$(on_node "${node}" discover peers --channel "${channel}" --server "127.0.0.1:${port}" --peerTLSCA "${tls_ca}" \
        --userKey "${key}" --userCert "${cert}" --MSP "${msp}" 2>/dev/null | grep -c '"MSPID"')" || return 1
    [ "${seen}" -ge "${expected}" ]
}

# Joins the peers not yet on the channel, all at once: a peer that joins alone is refused by the others' gossip
# (they do not know its organisation yet) and retries only later, which delays cross-organisation endorsement.
join_peers() {
    local channel="$1" block="$2" line node pids=() nodes=() index
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ <<<"${line}"
        if peer_on_channel "${node}" "${channel}"; then
            info "${node} already joined '${channel}'"
            continue
        fi
        printf '+ [admin of %s] peer channel join -b %s\n' "${node}" "${block}" >&2
        debug "+ [admin of ${node}] peer channel join -b ${block}"
        as_admin "${node}" peer channel join -b "${block}" >>"${BIA_DEBUG_LOG}" 2>&1 &
        pids+=("$!")
        nodes+=("${node}")
    done
    for index in "${!pids[@]}"; do
        wait "${pids[${index}]}" || fatal "${nodes[${index}]} could not join '${channel}' (see ${BIA_DEBUG_LOG})"
    done
}

channel_create_steps() {
    local channel block line name node
    channel="$(network_config get channel)"
    block="${BIA_GENERATED}/channel/${channel}.block"
    mkdir -p "${BIA_GENERATED}/channel"
    if [ -f "${block}" ]; then
        info "genesis block of '${channel}' exists"
    else
        run env FABRIC_CFG_PATH="${BIA_GENERATED}/config" configtxgen -profile AssociationChannel \
            -channelID "${channel}" -outputBlock "${block}"
    fi
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r name _ <<<"${line}"
        if orderer_has_channel "${line}" "${channel}"; then
            info "${name} already has channel '${channel}'"
        else
            osnadmin_args "${line}"
            RUN_DISPLAY="osnadmin channel join ${OSNADMIN_ARGS[*]} --channelID ${channel} --config-block ${block}" \
                run on_node "${OSNADMIN_NODE}" osnadmin channel join "${OSNADMIN_ARGS[@]}" --channelID "${channel}" --config-block "${block}"
        fi
    done
    wait_until "${BIA_WAIT_SECONDS}" "a Raft leader for '${channel}'" raft_has_leader "${channel}"
    join_peers "${channel}" "${block}"
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ <<<"${line}"
        wait_process_ready "${node}" "${node} to have channel '${channel}'" peer_on_channel "${node}" "${channel}"
    done
    if command -v discover >/dev/null 2>&1; then
        for line in "${PEERS[@]}"; do
            IFS='|' read -r _ _ node _ <<<"${line}"
            wait_process_ready "${node}" "${node} to discover all ${#PEERS[@]} peers through gossip" \
                peer_sees_all_peers "${channel}" "${#PEERS[@]}" "${line}"
        done
    else
        warn "'discover' binary not found: not waiting for gossip membership (the gateway may miss other organisations' peers for a few seconds)"
    fi
    info "channel '${channel}' ready on ${#ORDERERS[@]} orderer(s) and ${#PEERS[@]} peers"
}

channel_create() {
    case "${1:-}" in
        -h | --help)
            printf 'usage: bia channel create\n\nCreates the channel from network/config/topology.json on every orderer (osnadmin) and joins every\npeer; waits for a Raft leader and for gossip to connect the peers. Idempotent.\n'
            return 0
            ;;
        "") ;;
        *) fatal "unknown option '$1'" ;;
    esac
    init_logs channel create
    require_tools
    require_fabric
    [ -f "${BIA_SETTINGS_FILE}" ] || fatal "no network: run 'scripts/bia network up' first"
    load_nodes "$(current_orderer_count)"
    channel_create_steps
}
