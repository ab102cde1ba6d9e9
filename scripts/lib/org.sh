# shellcheck shell=bash
# `bia org add|remove`: an organisation joins or leaves the running channel. Everything that names organisations
# is derived from the network's own topology (BIA_TOPOLOGY, generated/topology.json), which these commands extend or
# reduce: node configuration, connection files, the endorsement policy and the terms collections.
#
# What an organisation would do on its own machine, and what it sends to whom, is in network/README.md
# ("A real consortium"). Here every organisation's admin is on this machine, so one command plays every part.

# Each organisation's own working folder for `org add|remove`: its cryptogen input, its public MSP group, the
# channel configuration files it handles. On a network spread over hosts, its host's folder (hosts.sh).
org_dir() {
    if hosts_mode; then org_home "$1"; else printf '%s/orgs/%s' "${BIA_GENERATED}" "$1"; fi
}

# Where the channel configuration update about NAME is prepared, signed and passed on: the organisation's folder on
# a single host; spread over hosts, the exchange (what the admins send each other; it holds no key).
update_dir() {
    if hosts_mode; then printf '%s/updates/%s' "${BIA_EXCHANGE}" "$1"; else org_dir "$1"; fi
}

# The organisation-side configuration tool (network/tools/src/org-cli.ts); network_config has built its deps.
org_config() {
    local placement=()
    [ ! -f "${BIA_PLACEMENT}" ] || placement=(--placement "${BIA_PLACEMENT}")
    (cd "${BIA_ROOT}" && node --require tsx/cjs network/tools/src/org-main.ts "$@" "${placement[@]}")
}

# Writes the association chaincode's collections (one terms collection per organisation of the topology; a
# departed organisation's collection stays, sealed, since Fabric never lets a definition drop one).
write_collections() {
    local previous=()
    mkdir -p "${BIA_CC_DIR}"
    [ ! -f "${BIA_CC_DIR}/collections_config.json" ] || previous=(--previous "${BIA_CC_DIR}/collections_config.json")
    [ -f "${BIA_TOPOLOGY}" ] || cp "${BIA_NETWORK_DIR}/config/topology.json" "${BIA_TOPOLOGY}"
    org_config collections --topology "${BIA_TOPOLOGY}" --out "${BIA_CC_DIR}/collections_config.json.new" "${previous[@]}" ||
        fatal "could not generate the collections configuration from ${BIA_TOPOLOGY}"
    mv "${BIA_CC_DIR}/collections_config.json.new" "${BIA_CC_DIR}/collections_config.json"
}

# Like require_network_running, but the organisation's own peers may be stopped (a rerun after its peer failed to
# start, or after it was stopped on the way out).
require_others_running() {
    [ -f "${BIA_SETTINGS_FILE}" ] || fatal "no network: run 'scripts/bia network up' first"
    load_nodes "$(current_orderer_count)"
    local line org node
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r node _ <<<"${line}"
        node_running "${node}" || fatal "${node} is not running: run 'scripts/bia network up'"
    done
    for line in "${PEERS[@]}"; do
        IFS='|' read -r org _ node _ <<<"${line}"
        [ "${org}" = "$1" ] || node_running "${node}" || fatal "${node} is not running: run 'scripts/bia network up'"
    done
}

# Sets SIGNERS: one peer node per organisation other than NAME (its admin signs configuration updates).
config_signers() {
    local line org msp node seen=" "
    SIGNERS=()
    for line in "${PEERS[@]}"; do
        IFS='|' read -r org msp node _ <<<"${line}"
        [ "${org}" != "$1" ] || continue
        [[ "${seen}" != *" ${msp} "* ]] || continue
        seen+="${msp} "
        SIGNERS+=("${node}")
    done
}

# The line of `network_config peers` for an organisation's first peer (empty when it is not in the topology).
org_peer_line() {
    local line
    for line in "${PEERS[@]}"; do
        if [ "${line%%|*}" = "$1" ]; then
            printf '%s' "${line}"
            return 0
        fi
    done
}

# Fetches the channel's current configuration into DIR/config.json (as the admin of NODE).
fetch_channel_config() {
    local node="$1" dir="$2"
    orderer_args
    run_as_admin "${node}" peer channel fetch config "${dir}/config_block.pb" -c "${CHANNEL}" "${ORDERER_ARGS[@]}"
    run configtxlator proto_decode --input "${dir}/config_block.pb" --type common.Block --output "${dir}/config_block.json"
    run org_config block-config --block "${dir}/config_block.json" --out "${dir}/config.json"
}

channel_has_org() {
    org_config channel-orgs --config "$1" | grep -qxF "$2"
}

# Computes the update from DIR/config.json to DIR/modified.json, has it signed by the admins of enough of the
# SIGNERS (peer nodes, one per organisation) to satisfy the channel's MAJORITY Admins policy over MEMBERS
# application organisations, and submits it (the submitter's signature is the last one).
submit_config_update() {
    local dir="$1" members="$2"
    shift 2
    local signers=("$@") needed index
    needed=$((members / 2 + 1))
    [ "${#signers[@]}" -ge "${needed}" ] ||
        fatal "the channel's Admins policy (MAJORITY of ${members}) needs ${needed} organisations' admins; only ${#signers[@]} can sign"
    run configtxlator proto_encode --input "${dir}/config.json" --type common.Config --output "${dir}/config.pb"
    run configtxlator proto_encode --input "${dir}/modified.json" --type common.Config --output "${dir}/modified.pb"
    run configtxlator compute_update --channel_id "${CHANNEL}" --original "${dir}/config.pb" \
        --updated "${dir}/modified.pb" --output "${dir}/update.pb"
    run configtxlator proto_decode --input "${dir}/update.pb" --type common.ConfigUpdate --output "${dir}/update.json"
    run org_config envelope --channel "${CHANNEL}" --update "${dir}/update.json" --out "${dir}/update_envelope.json"
    run configtxlator proto_encode --input "${dir}/update_envelope.json" --type common.Envelope \
        --output "${dir}/update_envelope.pb"
    for ((index = 0; index < needed - 1; index++)); do
        run_as_admin "${signers[${index}]}" peer channel signconfigtx -f "${dir}/update_envelope.pb"
    done
    orderer_args
    run_as_admin "${signers[$((needed - 1))]}" peer channel update -f "${dir}/update_envelope.pb" -c "${CHANNEL}" \
        "${ORDERER_ARGS[@]}"
    info "configuration update signed by the admins of ${needed} of ${members} organisations and submitted"
}

# Whether the channel configuration, as NODE's admin fetches it into DIR, has (present) or lacks (absent) MSP.
channel_config_is() {
    local node="$1" msp="$2" want="$3" dir="$4"
    orderer_args
    as_admin "${node}" peer channel fetch config "${dir}/latest_block.pb" -c "${CHANNEL}" "${ORDERER_ARGS[@]}" || return 1
    configtxlator proto_decode --input "${dir}/latest_block.pb" --type common.Block --output "${dir}/latest_block.json" || return 1
    org_config block-config --block "${dir}/latest_block.json" --out "${dir}/latest.json" || return 1
    if channel_has_org "${dir}/latest.json" "${msp}"; then [ "${want}" = present ]; else [ "${want}" = absent ]; fi
}

wait_config() {
    wait_until "${BIA_WAIT_SECONDS}" "the channel configuration to have $2 $3" channel_config_is "$@"
}

# The organisation's own crypto material, made in its own folder by cryptogen for it alone, then put where the
# network's layout expects it (on a network spread over hosts: in its host's folder). Only its msp/ (CA and TLS CA
# certificates, NodeOU config.yaml) goes into the channel; spread over hosts, that is published to the exchange.
# KIND is peer (default) or orderer (the ordering organisation, at `network up --hosts`).
org_crypto() {
    local name="$1" domain="$2" kind="${3:-peer}" dir target
    dir="$(org_dir "${name}")"
    target="$(org_home "${name}")/organizations/${kind}Organizations/${domain}"
    if [ -d "${target}" ]; then
        info "${name}: crypto material exists; keeping it"
    else
        mkdir -p "${dir}"
        rm -rf "${dir}/crypto"
        run org_config crypto-config --topology "${BIA_TOPOLOGY}" --name "${name}" --out "${dir}/crypto-config.yaml"
        run cryptogen generate --config="${dir}/crypto-config.yaml" --output="${dir}/crypto"
        mkdir -p "$(dirname "${target}")"
        mv "${dir}/crypto/${kind}Organizations/${domain}" "${target}"
        rm -rf "${dir}/crypto"
    fi
    ! hosts_mode || publish_public_msp "${name}" "${target}"
}

# The organisation's channel group (MSP, policies, anchor peer) as JSON; configtxgen logs to stderr.
print_org() { FABRIC_CFG_PATH="$1" configtxgen -printOrg "$2" >"$3"; }

# Renders every node's configuration and connection file from the (changed) topology, with the network's settings.
rerender_network() {
    local couch=()
    [ "$(saved_setting stateDatabase)" != CouchDB ] || couch=(--couchdb-address "${BIA_COUCHDB_ADDRESS}")
    run network_config render --generated "${BIA_GENERATED}" --orderers "$(current_orderer_count)" \
        --batch-timeout "$(saved_setting batchTimeout)" --max-message-count "$(saved_setting maxMessageCount)" \
        --raft-tick "$(saved_setting raftTick)" --state-database "$(saved_setting stateDatabase)" \
        --peers-per-org "$(saved_setting peersPerOrg | grep . || printf 1)" "${couch[@]}"
    load_nodes "$(current_orderer_count)"
}

# The new peer: its core.yaml, the process, its health.
start_org_peer() {
    local node="$1" port="$2" cc_port="$3" ops_port="$4"
    if node_running "${node}"; then
        info "${node} already running"
        return 0
    fi
    require_port_free "${port}" "${node}" "${node}"
    require_port_free "${cc_port}" "${node} chaincode" "${node}"
    require_port_free "${ops_port}" "${node} operations" "${node}"
    network_config core-yaml --sample "${FABRIC_SAMPLE_CONFIG}/core.yaml" \
        --out "${BIA_GENERATED}/nodes/${node}/core.yaml" --builder "${BIA_NETWORK_DIR}/builders/ccaas"
    mkdir -p "${BIA_GENERATED}/data/${node}"
    start_process "${node}" "${BIA_GENERATED}/nodes/${node}/node.env" peer node start
    wait_process_ready "${node}" "${node} health (http://127.0.0.1:${ops_port}/healthz)" \
        http_ok "http://127.0.0.1:${ops_port}/healthz" "${node}"
}

peer_height() { peer_channel_height "$1" "${CHANNEL}" | sed -n 's/.* height \([0-9]*\)$/\1/p'; }

height_at_least() {
    local height
    height="$(peer_height "$1")"
    [ -n "${height}" ] && [ "${height}" -ge "$2" ]
}

# The new peer joins from the channel's genesis block, fetched from the ordering service, and replays the chain.
join_org_peer() {
    local node="$1" dir="$2" first target
    if peer_on_channel "${node}" "${CHANNEL}"; then
        info "${node} already joined '${CHANNEL}'"
    else
        orderer_args
        run_as_admin "${node}" peer channel fetch 0 "${dir}/genesis.block" -c "${CHANNEL}" "${ORDERER_ARGS[@]}"
        run_as_admin "${node}" peer channel join -b "${dir}/genesis.block"
    fi
    IFS='|' read -r _ _ first _ <<<"${PEERS[0]}"
    target="$(peer_height "${first}")"
    wait_process_ready "${node}" "${node} to catch up with ${first} (height ${target})" height_at_least "${node}" "${target}"
    info "${node} caught up: $(peer_channel_height "${node}" "${CHANNEL}")"
    if command -v discover >/dev/null 2>&1; then
        local line peer
        for line in "${PEERS[@]}"; do
            IFS='|' read -r _ _ peer _ <<<"${line}"
            wait_process_ready "${peer}" "${peer} to discover all ${#PEERS[@]} peers through gossip" \
                peer_sees_all_peers "${CHANNEL}" "${#PEERS[@]}" "${line}"
        done
    fi
}

# The committed definition's approvals (JSON) of the association chaincode on NODE.
committed_approvals() {
    as_admin "$1" peer lifecycle chaincode querycommitted -C "${CHANNEL}" -n "${CC_NAME}" --output json 2>/dev/null
}

# A new sequence of the association's chaincode, same version, with the policy and collections of the topology
# as it now is: installed, approved by every organisation on the channel, committed (chaincode.sh).
redefine_chaincode() {
    local why="$1"
    write_collections
    load_chaincode_settings
    read_committed
    if [ "${COMMITTED_SEQUENCE}" -eq 0 ]; then
        info "chaincode '${CC_NAME}' is not deployed; 'chaincode deploy' will include every organisation"
        return 0
    fi
    info "chaincode '${CC_NAME}': sequence $((COMMITTED_SEQUENCE + 1)) (${why}), policy ${CC_POLICY}"
    deploy_definition "${COMMITTED_VERSION}" $((COMMITTED_SEQUENCE + 1))
}

# On a network spread over hosts, puts NAME on machine HOST of the inventory (required there; refused elsewhere).
place_org() {
    local name="$1" host="$2" inventory
    if ! hosts_mode; then
        [ -z "${host}" ] || fatal "--host ${host}: this network runs on one host (it was not created with 'network up --hosts FILE')"
        return 0
    fi
    ensure_hosts_loaded
    if [ -z "${host}" ]; then
        [ -n "${HOST_OF[${name}]:-}" ] || fatal "this network is spread over hosts: name the host ${name}'s peer runs on with --host H (a machine of $(saved_setting hosts))"
        return 0
    fi
    inventory="$(saved_setting hosts)"
    run org_config placement-add --placement "${BIA_PLACEMENT}" --inventory "${inventory}" --name "${name}" --host "${host}"
    load_hosts
    info "${name} runs on host ${host} (network namespace ${NETNS_OF[${name}]})"
}

org_add_usage() {
    cat <<USAGE
usage: bia org add NAME [--msp-id ID] [--domain D] [--peer-port P] [--users N] [--host H]

Adds organisation NAME to the running channel, each step checked and skipped when already done:
  1. it is added to the network's topology (${BIA_TOPOLOGY}; ports that no node uses);
  2. its crypto material is made by cryptogen for it alone, in its own folder;
  3. a channel configuration update adds its MSP (public material only) and anchor peer, signed by the admins of
     a MAJORITY of the channel's organisations, and is submitted;
  4. its peer starts, fetches the genesis block, joins and catches up; gossip connects it to every peer;
  5. the association's chaincode is installed on it (same package ID on every peer) and a new sequence, whose
     endorsement policy and terms collections name every organisation, is approved by every organisation and
     committed;
  6. its connection file is written (connections/NAME.json).
  --msp-id ID     its MSP ID (default: Name + MSP, e.g. UniversityMSP)
  --domain D      its domain (default: NAME.<the topology's domain>)
  --peer-port P   its peer's port; chaincode P+1, CA P+3 (default: the next free thousand above the others)
  --users N       its users User1..N (default 4)
  --host H        on a network spread over hosts (network up --hosts FILE; required there): the host name its
                  peer is reached at, a machine of FILE; its crypto material is made in its host's folder, its
                  certificates carry H, its peer and chaincode server run on H
USAGE
}

org_add() {
    local name="" flags=() host=""
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --msp-id | --domain | --peer-port | --users) flags+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
            --host) host="${2:?--host needs a value}"; shift 2 ;;
            -h | --help) org_add_usage; return 0 ;;
            -*) org_add_usage >&2; fatal "unknown option '$1'" ;;
            *) [ -z "${name}" ] || fatal "one organisation at a time ('${name}', then '$1')"; name="$1"; shift ;;
        esac
    done
    [ -n "${name}" ] || { org_add_usage >&2; fatal "NAME is required"; }
    local started="${SECONDS}"
    init_logs org add "${name}"
    require_tools
    require_fabric
    require_others_running "${name}"
    [ "$(saved_setting ca)" != fabric-ca ] || fatal "org add makes the newcomer's material with cryptogen; this network was created with --ca fabric-ca"
    [ "${RUNTIME}" = native ] || fatal "org add runs the newcomer's peer as a native process; this network uses --runtime ${RUNTIME}"
    command -v configtxlator >/dev/null 2>&1 || fatal "Fabric binary 'configtxlator' not found on PATH or in BIA_FABRIC_BIN"
    load_chaincode_settings
    [ -f "${BIA_TOPOLOGY}" ] || cp "${BIA_NETWORK_DIR}/config/topology.json" "${BIA_TOPOLOGY}"
    local line members dir work
    # Its machine first: a --host the inventory does not know changes nothing.
    place_org "${name}" "${host}"
    line="$(org_peer_line "${name}")"
    if [ -n "${line}" ]; then
        info "${name} is in the network's topology"
        [ "${#flags[@]}" -eq 0 ] || warn "${name} exists: ${flags[*]} ignored"
    else
        run org_config topology-add --topology "${BIA_TOPOLOGY}" --name "${name}" "${flags[@]}"
        info "${name} added to ${BIA_TOPOLOGY}: ${RUN_OUTPUT}"
    fi
    rerender_network
    line="$(org_peer_line "${name}")"
    local msp node port cc_port ops_port domain other
    IFS='|' read -r _ msp node port cc_port ops_port _ <<<"${line}"
    domain="$(org_config describe --topology "${BIA_TOPOLOGY}" --name "${name}" | cut -d'|' -f2)"
    dir="$(org_dir "${name}")"
    work="$(update_dir "${name}")"
    mkdir -p "${dir}" "${work}"
    # A former member joining again: its removal's records no longer apply.
    rm -f "${dir}/removed" "${dir}/chaincode-redefined"

    org_crypto "${name}" "${domain}"
    run org_config configtx --topology "${BIA_TOPOLOGY}" --name "${name}" --generated "${BIA_GENERATED}" --out "${dir}"
    RUN_DISPLAY="FABRIC_CFG_PATH=${dir} configtxgen -printOrg ${msp} > ${work}/group.json" \
        run print_org "${dir}" "${msp}" "${work}/group.json"

    IFS='|' read -r _ _ other _ <<<"${PEERS[0]}"
    fetch_channel_config "${other}" "${work}"
    if channel_has_org "${work}/config.json" "${msp}"; then
        info "${msp} is already an organisation of channel '${CHANNEL}'"
    else
        members="$(org_config channel-orgs --config "${work}/config.json" | grep -c .)"
        run org_config channel-add-org --config "${work}/config.json" --msp-id "${msp}" --group "${work}/group.json" \
            --topology "${BIA_TOPOLOGY}" --name "${name}" --out "${work}/modified.json"
        config_signers "${name}"
        submit_config_update "${work}" "${members}" "${SIGNERS[@]}"
        # As an existing organisation's admin: the newcomer's peer CLI has no core.yaml until its peer is set up.
        wait_config "${SIGNERS[0]}" "${msp}" present "${work}"
    fi
    start_org_peer "${node}" "${port}" "${cc_port}" "${ops_port}"
    join_org_peer "${node}" "${dir}"
    load_chaincode_settings
    read_committed
    if [ "${COMMITTED_SEQUENCE}" -gt 0 ] && committed_approvals "${node}" | grep -q "\"${msp}\": *true"; then
        info "the committed definition of '${CC_NAME}' (sequence ${COMMITTED_SEQUENCE}) already includes ${msp}"
    else
        redefine_chaincode "adding ${msp}"
    fi
    info "organisation ${name} (${msp}) joined '${CHANNEL}' in $((SECONDS - started))s; connection file ${BIA_GENERATED}/connections/${name}.json"
}

org_remove_usage() {
    cat <<USAGE
usage: bia org remove NAME

Takes organisation NAME out of the running channel, each step checked and skipped when already done:
  1. a channel configuration update removes its MSP, signed by the admins of a MAJORITY of the channel's
     organisations (the others: the leaving one does not sign its own removal) and submitted;
  2. it leaves the network's topology (${BIA_TOPOLOGY}); its peer is stopped (its ledger and crypto material
     stay on disk in data/ and organizations/), its connection file is removed;
  3. a new sequence of the association's chaincode no longer names it in the endorsement policy; its terms
     collection stays (Fabric never drops a collection) but is sealed: no peer is a member any more.
Its records stay on the ledger (network/README.md, "A real consortium").
USAGE
}

org_remove() {
    local name=""
    while [ "$#" -gt 0 ]; do
        case "$1" in
            -h | --help) org_remove_usage; return 0 ;;
            -*) org_remove_usage >&2; fatal "unknown option '$1'" ;;
            *) [ -z "${name}" ] || fatal "one organisation at a time ('${name}', then '$1')"; name="$1"; shift ;;
        esac
    done
    [ -n "${name}" ] || { org_remove_usage >&2; fatal "NAME is required"; }
    local started="${SECONDS}"
    init_logs org remove "${name}"
    require_tools
    require_fabric
    require_others_running "${name}"
    command -v configtxlator >/dev/null 2>&1 || fatal "Fabric binary 'configtxlator' not found on PATH or in BIA_FABRIC_BIN"
    load_chaincode_settings
    [ -f "${BIA_TOPOLOGY}" ] || cp "${BIA_NETWORK_DIR}/config/topology.json" "${BIA_TOPOLOGY}"
    local dir line msp node record members
    dir="$(org_dir "${name}")"
    record="${dir}/removed"
    mkdir -p "${dir}"
    line="$(org_peer_line "${name}")"
    if [ -n "${line}" ]; then
        IFS='|' read -r _ msp node _ <<<"${line}"
        # Kept for a rerun after the topology no longer names it.
        printf '%s|%s\n' "${msp}" "${node}" >"${record}"
    elif [ -f "${record}" ]; then
        IFS='|' read -r msp node <"${record}"
    else
        fatal "no organisation '${name}' in the network's topology (${BIA_TOPOLOGY})"
    fi
    config_signers "${name}"
    local work
    work="$(update_dir "${name}")"
    mkdir -p "${work}"
    fetch_channel_config "${SIGNERS[0]}" "${work}"
    if channel_has_org "${work}/config.json" "${msp}"; then
        members="$(org_config channel-orgs --config "${work}/config.json" | grep -c .)"
        run org_config channel-remove-org --config "${work}/config.json" --msp-id "${msp}" --out "${work}/modified.json"
        submit_config_update "${work}" "${members}" "${SIGNERS[@]}"
        wait_config "${SIGNERS[0]}" "${msp}" absent "${work}"
    else
        info "${msp} is not an organisation of channel '${CHANNEL}'"
    fi
    if [ -n "${line}" ]; then
        run org_config topology-remove --topology "${BIA_TOPOLOGY}" --name "${name}"
        info "${name} removed from ${BIA_TOPOLOGY}"
    fi
    stop_process "${node}"
    rm -f "${BIA_GENERATED}/connections/${name}.json"
    rerender_network
    if [ -f "${dir}/chaincode-redefined" ]; then
        info "the definition of '${CC_NAME}' already leaves ${msp} out"
    else
        redefine_chaincode "removing ${msp}"
        touch "${dir}/chaincode-redefined"
    fi
    info "organisation ${name} (${msp}) removed from '${CHANNEL}' in $((SECONDS - started))s"
}
