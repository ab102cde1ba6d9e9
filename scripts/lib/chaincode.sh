# shellcheck shell=bash
# `bia chaincode deploy|upgrade|list`: chaincode-as-a-service through the Fabric v2 lifecycle.
#
# Upgrades alternate between a chaincode's two server ports (base and base+1), so the old server keeps serving
# until the new definition is committed; then it is stopped. Which chaincode, and its settings:
# chaincode-registry.sh.

require_network_running() {
    [ -f "${BIA_SETTINGS_FILE}" ] || fatal "no network: run 'scripts/bia network up' first"
    load_nodes "$(current_orderer_count)"
    [ "${RUNTIME}" != docker ] || require_compose
    local line node
    for line in "${ORDERERS[@]}"; do
        IFS='|' read -r node _ <<<"${line}"
        node_running "${node}" || fatal "${node} is not running: run 'scripts/bia network up'"
    done
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ <<<"${line}"
        node_running "${node}" || fatal "${node} is not running: run 'scripts/bia network up'"
    done
}

# Sets ORDERER_ARGS: where approve and commit send their transactions.
orderer_args() {
    local name port host tls_ca
    IFS='|' read -r name port _ _ host tls_ca _ <<<"${ORDERERS[0]}"
    ORDERER_ARGS=(-o "$(node_endpoint "${name}" "${port}")" --ordererTLSHostnameOverride "${host}" --tls --cafile "${tls_ca}")
}

# The committed definition on the first peer: sets COMMITTED_SEQUENCE (0 when none) and COMMITTED_VERSION.
read_committed() {
    local node output
    IFS='|' read -r _ _ node _ <<<"${PEERS[0]}"
    COMMITTED_SEQUENCE=0
    COMMITTED_VERSION=""
    if output="$(as_admin "${node}" peer lifecycle chaincode querycommitted -C "${CHANNEL}" -n "${CC_NAME}" --output json 2>/dev/null)"; then
        COMMITTED_SEQUENCE="$(printf '%s' "${output}" | sed -n 's/.*"sequence": *\([0-9]*\).*/\1/p' | head -n 1)"
        COMMITTED_VERSION="$(printf '%s' "${output}" | sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' | head -n 1)"
    fi
}

# The server's TLS material (its own small CA, server and peer-client certificates), made once per network.
ensure_chaincode_tls() {
    local dir="${BIA_CC_DIR}/tls" name
    [ ! -f "${dir}/client.crt" ] || return 0
    mkdir -p "${dir}"
    run openssl ecparam -name prime256v1 -genkey -noout -out "${dir}/ca.key"
    run openssl req -x509 -new -key "${dir}/ca.key" -subj "/CN=${TOPOLOGY_CC_NAME} chaincode server CA" -days 3650 \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out "${dir}/ca.crt"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"${dir}/server.ext"
    printf 'extendedKeyUsage=clientAuth\n' >"${dir}/client.ext"
    for name in server client; do
        run openssl ecparam -name prime256v1 -genkey -noout -out "${dir}/${name}.key"
        run openssl req -new -key "${dir}/${name}.key" -subj "/CN=${TOPOLOGY_CC_NAME} chaincode ${name}" -out "${dir}/${name}.csr"
        run openssl x509 -req -in "${dir}/${name}.csr" -CA "${dir}/ca.crt" -CAkey "${dir}/ca.key" -CAcreateserial \
            -days 3650 -extfile "${dir}/${name}.ext" -out "${dir}/${name}.crt"
    done
}

# A tar.gz whose bytes depend only on the files' names and contents (sorted, fixed time, owner and mode, no gzip
# name or time): the package ID is its hash, so the same chaincode gives the same ID on every run.
deterministic_tar() {
    local out="$1" dir="$2"
    shift 2
    tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner --mode='u=rwX,go=rX' --format=ustar \
        -C "${dir}" -cf - "$@" | gzip -n -9 >"${out}"
}

# Builds the CCaaS package for VERSION serving at PORT; sets PACKAGE_FILE and PACKAGE_ID.
make_package() {
    local version="$1" port="$2" work label
    tar --sort=name --version >/dev/null 2>&1 || fatal "GNU tar (with --sort) is needed for reproducible packages; on macOS: brew install gnu-tar and put gtar first on PATH as tar"
    work="${BIA_CC_DIR}/packages/${CC_NAME}_${version}"
    rm -rf "${work}"
    mkdir -p "${work}/code"
    local where=(--address "127.0.0.1:${port}" --tls-dir "${BIA_CC_DIR}/tls")
    # Spread over hosts: every organisation's own server, at the name each host resolves to itself (hosts.sh).
    ! hosts_mode || where=(--address "$(network_config get chaincodeServerHost):${port}" --generated "${BIA_GENERATED}")
    label="$(network_config ccaas-files --out "${work}" --name "${CC_NAME}" --version "${version}" "${where[@]}")"
    mv "${work}/connection.json" "${work}/code/connection.json"
    if [ -d "${CC_PATH}/META-INF" ]; then
        cp -R "${CC_PATH}/META-INF" "${work}/code/META-INF"
    fi
    deterministic_tar "${work}/code.tar.gz" "${work}/code" .
    PACKAGE_FILE="${work}/${label}.tar.gz"
    deterministic_tar "${PACKAGE_FILE}" "${work}" metadata.json code.tar.gz
    PACKAGE_ID="${label}:$(sha256sum "${PACKAGE_FILE}" | cut -d' ' -f1)"
    info "package ${PACKAGE_ID} (${PACKAGE_FILE})"
}

install_everywhere() {
    local line node
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ <<<"${line}"
        if as_admin "${node}" peer lifecycle chaincode queryinstalled --output json 2>/dev/null | grep -qF "\"${PACKAGE_ID}\""; then
            info "${node}: ${PACKAGE_ID} already installed"
        else
            run_as_admin "${node}" peer lifecycle chaincode install "${PACKAGE_FILE}"
        fi
    done
}

# The lifecycle flags that approve, checkcommitreadiness and commit must agree on.
definition_args() {
    DEFINITION_ARGS=(--channelID "${CHANNEL}" --name "${CC_NAME}" --version "$1" --sequence "$2"
        --signature-policy "${CC_POLICY}")
    [ -z "${CC_COLLECTIONS}" ] || DEFINITION_ARGS+=(--collections-config "${CC_COLLECTIONS}")
}

approve_everywhere() {
    local line msp node readiness
    IFS='|' read -r _ _ node _ <<<"${PEERS[0]}"
    readiness="$(as_admin "${node}" peer lifecycle chaincode checkcommitreadiness "${DEFINITION_ARGS[@]}" --output json 2>&1)" ||
        fatal "checkcommitreadiness failed: ${readiness}"
    orderer_args
    local approved=" "
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ msp node _ <<<"${line}"
        # One approval per organisation, whichever of its peers comes first.
        if [[ "${approved}" == *" ${msp} "* ]]; then
            continue
        fi
        approved+="${msp} "
        if printf '%s' "${readiness}" | grep -q "\"${msp}\": *true"; then
            info "${msp} already approved"
        else
            run_as_admin "${node}" peer lifecycle chaincode approveformyorg "${ORDERER_ARGS[@]}" "${DEFINITION_ARGS[@]}" \
                --package-id "${PACKAGE_ID}"
        fi
    done
    readiness="$(as_admin "${node}" peer lifecycle chaincode checkcommitreadiness "${DEFINITION_ARGS[@]}" --output json 2>&1)"
    info "commit readiness: $(printf '%s' "${readiness}" | tr -d ' \n')"
    if printf '%s' "${readiness}" | grep -q '": *false'; then
        fatal "not every organisation has approved the definition"
    fi
}

commit_definition() {
    local line node port tls_ca peer_args=()
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node port _ _ tls_ca _ <<<"${line}"
        peer_args+=(--peerAddresses "$(node_endpoint "${node}" "${port}")" --tlsRootCertFiles "${tls_ca}")
    done
    IFS='|' read -r _ _ node _ <<<"${PEERS[0]}"
    orderer_args
    run_as_admin "${node}" peer lifecycle chaincode commit "${ORDERER_ARGS[@]}" "${DEFINITION_ARGS[@]}" "${peer_args[@]}"
}

# Starts the server of chaincode CC_NAME (code in CC_PATH) for PACKAGE_ID on PORT unless it already runs; a server
# there for another package is stopped first, and it must have exited before its successor binds the port.
ensure_server() {
    local port="$1" name id_file
    name="$(server_name "${port}")"
    id_file="${BIA_CC_DIR}/${name}.id"
    if running_pid "${name}" >/dev/null; then
        if [ "$(cat "${id_file}" 2>/dev/null)" = "${PACKAGE_ID}" ]; then
            info "${name} already serves ${PACKAGE_ID}"
            return 0
        fi
        stop_process "${name}"
    fi
    require_port_free "${port}" "chaincode server"
    build_chaincode
    local tls="${BIA_CC_DIR}/tls"
    start_process "${name}" "" node "${BIA_ROOT}/node_modules/fabric-shim/cli.js" server \
        --chaincode-address "127.0.0.1:${port}" --chaincode-id "${PACKAGE_ID}" --module-path "${CC_PATH}" \
        --chaincode-tls-key-file "${tls}/server.key" --chaincode-tls-cert-file "${tls}/server.crt" \
        --chaincode-tls-client-cacert-file "${tls}/ca.crt"
    record_server "${name}"
    wait_process_ready "${name}" "the chaincode server to listen on 127.0.0.1:${port}" port_open "${port}"
}

# After `network down` and `network up`, the chaincode servers that were serving come back with their package IDs.
resume_chaincode_servers() {
    local file name settings_loaded=false
    for file in "${BIA_CC_DIR}"/chaincode-*.id; do
        [ -f "${file}" ] || continue
        name="$(basename "${file}" .id)"
        if ! running_pid "${name}" >/dev/null; then
            [ "${settings_loaded}" = true ] || load_chaincode_settings
            settings_loaded=true
            load_server "${name}"
            if ! try_quiet compile_chaincode "${CC_PATH}"; then
                warn "${name} not restarted: chaincode '${CC_NAME}' does not build (see ${BIA_DEBUG_LOG}); fix it, then run 'scripts/bia chaincode deploy$(deploy_name_flag)'"
                continue
            fi
            info "restarting ${name} for ${PACKAGE_ID}"
            name="${name#chaincode-}"
            ensure_servers "${name%%.*}"
        fi
    done
}

# ' --name NAME' for a chaincode other than the association's (to quote commands in messages).
deploy_name_flag() { is_default_chaincode || printf ' --name %s' "${CC_NAME}"; }

chaincode_answers() {
    as_admin "$1" peer chaincode query -C "${CHANNEL}" -n "${CC_NAME}" -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}'
}

# Every peer reaches the server of PORT (its organisation's own, on a network spread over hosts) through the
# committed definition.
wait_chaincode_answers() {
    local port="$1" line org node
    for line in "${PEERS[@]}"; do
        IFS='|' read -r org _ node _ <<<"${line}"
        wait_process_ready "$(org_server_name "${port}" "${org}")" \
            "${node} to get an answer from chaincode '${CC_NAME}' (GetMetadata)" chaincode_answers "${node}"
    done
}

# The servers of PORT: one for every peer here; one per organisation, each on its own host, when spread over hosts.
ensure_servers() {
    if hosts_mode; then ensure_org_servers "$1"; else ensure_server "$1"; fi
}

# The server runs the compiled code (chaincode/dist); a CCaaS package holds no code, so code changes need a new
# version (upgrade). A folder without tsconfig.json is plain JavaScript: nothing to compile.
compile_chaincode() {
    [ ! -f "$1/tsconfig.json" ] || (cd "${BIA_ROOT}" && npx tsc -b "$(project_path "$1")")
}

# A folder as tsc -b is given it: relative to the repository when inside it (chaincode, not /…/chaincode).
project_path() {
    case "$1" in
        "${BIA_ROOT}"/*) printf '%s' "${1#"${BIA_ROOT}/"}" ;;
        *) printf '%s' "$1" ;;
    esac
}

build_chaincode() {
    if [ -f "${CC_PATH}/tsconfig.json" ]; then
        RUN_DISPLAY="(cd ${BIA_ROOT} &&) npx tsc -b $(project_path "${CC_PATH}")" run compile_chaincode "${CC_PATH}"
    else
        debug "${CC_PATH} has no tsconfig.json: plain JavaScript, nothing to compile"
    fi
}

# Installs, approves and commits VERSION at SEQUENCE, with its server on the sequence's port; idempotent.
deploy_definition() {
    local version="$1" sequence="$2" started="${SECONDS}" port old_port
    port=$((CC_BASE_PORT + (sequence - 1) % 2))
    old_port=$((CC_BASE_PORT + sequence % 2))
    # Spread over hosts, each organisation makes its own server's TLS material (hosts.sh); no shared key.
    hosts_mode || ensure_chaincode_tls
    record_chaincode
    make_package "${version}" "${port}"
    install_everywhere
    ensure_servers "${port}"
    definition_args "${version}" "${sequence}"
    read_committed
    if [ "${COMMITTED_SEQUENCE}" -ge "${sequence}" ]; then
        info "sequence ${sequence} is already committed (version ${COMMITTED_VERSION})"
    else
        approve_everywhere
        commit_definition
    fi
    wait_chaincode_answers "${port}"
    # The new definition is committed and answers: the previous sequence's server has no more work.
    if hosts_mode; then
        stop_org_servers "${old_port}"
    else
        stop_process "$(server_name "${old_port}")"
        forget_server "$(server_name "${old_port}")"
    fi
    local servers="server 127.0.0.1:${port}"
    ! hosts_mode || servers="one server per organisation, on its host's port ${port}"
    info "chaincode '${CC_NAME}' version ${version} sequence ${sequence} ready in $((SECONDS - started))s (${servers})"
}

# chaincode_prepare COMMAND NAME PATH POLICY PORT: checks the network, selects the chaincode, reads its definition.
chaincode_prepare() {
    init_logs chaincode "$@"
    require_tools
    require_fabric
    require_network_running
    load_chaincode_settings
    select_chaincode "$2" "$3" "$4" "$5"
    read_committed
}

chaincode_deploy_usage() {
    cat <<USAGE
usage: bia chaincode deploy [--version V] [--sequence N]
       bia chaincode deploy --name NAME [--path DIR] [--version V] [--sequence N] [--policy P] [--port PORT]

Builds the chaincode, packages it as chaincode-as-a-service (reproducible package, stable ID), installs it on
every peer, approves it for every organisation, checks commit readiness, commits it with the endorsement policy
of topology.json and chaincode/collections_config.json, starts the chaincode server (TLS) and waits until every
peer gets an answer. Every step already done is skipped.
  --version V    chaincode version (default ${BIA_CHAINCODE_VERSION})
  --sequence N   definition sequence (default 1)

Without --name it deploys the association's chaincode (chaincode/, name and policy from topology.json). With
--name, another Node.js chaincode beside it, with its own package, definition and server (e.g. the benchmark's
baseline: --name bench-baseline --path test/bench/baseline-chaincode):
  --name NAME    its chaincode name
  --path DIR     its folder (package.json; compiled with tsc -b when it has a tsconfig.json; its
                 collections_config.json and META-INF are used when present); needed the first time only
  --policy P     its endorsement (signature) policy (default: topology.json's)
  --port PORT    its server's base port; upgrades alternate with PORT+1 (default: the first free pair above
                 topology.json's chaincode server ports)
Folder, policy and port are recorded in ${BIA_CC_DEFINITIONS}/NAME.conf for upgrades and restarts.
USAGE
}

# Parses --name, --path, --policy and --port into NAME_FLAG, PATH_FLAG, POLICY_FLAG, PORT_FLAG; sets SHIFT_BY (0
# for a flag that is not one of them).
parse_chaincode_flag() {
    SHIFT_BY=2
    case "$1" in
        --name) NAME_FLAG="${2:?--name needs a value}" ;;
        --path) PATH_FLAG="${2:?--path needs a value}" ;;
        --policy) POLICY_FLAG="${2:?--policy needs a value}" ;;
        --port) PORT_FLAG="${2:?--port needs a value}" ;;
        *) SHIFT_BY=0 ;;
    esac
}

chaincode_deploy() {
    local version="${BIA_CHAINCODE_VERSION}" sequence=1
    NAME_FLAG="" PATH_FLAG="" POLICY_FLAG="" PORT_FLAG=""
    while [ "$#" -gt 0 ]; do
        parse_chaincode_flag "$@"
        if [ "${SHIFT_BY}" -gt 0 ]; then
            shift "${SHIFT_BY}"
            continue
        fi
        case "$1" in
            --version) version="${2:?--version needs a value}"; shift 2 ;;
            --sequence) sequence="${2:?--sequence needs a value}"; shift 2 ;;
            -h | --help) chaincode_deploy_usage; return 0 ;;
            *) chaincode_deploy_usage >&2; fatal "unknown option '$1'" ;;
        esac
    done
    [[ "${sequence}" =~ ^[1-9][0-9]*$ ]] || fatal "--sequence must be a positive integer, not '${sequence}'"
    chaincode_prepare deploy "${NAME_FLAG}" "${PATH_FLAG}" "${POLICY_FLAG}" "${PORT_FLAG}"
    if [ "${COMMITTED_SEQUENCE}" -ge "${sequence}" ] && [ "${COMMITTED_VERSION}" != "${version}" ]; then
        fatal "sequence ${sequence} is already committed with version ${COMMITTED_VERSION}; use 'scripts/bia chaincode upgrade$(deploy_name_flag)'"
    fi
    if [ "${COMMITTED_SEQUENCE}" -gt "${sequence}" ]; then
        fatal "sequence ${COMMITTED_SEQUENCE} is committed, after ${sequence}; use 'scripts/bia chaincode upgrade$(deploy_name_flag)'"
    fi
    if [ "${COMMITTED_SEQUENCE}" -ge "${sequence}" ] && [ -n "${POLICY_FLAG}" ] && [ "${POLICY_FLAG}" != "$(recorded "${CC_NAME}" policy)" ]; then
        fatal "chaincode '${CC_NAME}' is committed with policy $(recorded "${CC_NAME}" policy); change it with 'scripts/bia chaincode upgrade --name ${CC_NAME} --policy ...'"
    fi
    deploy_definition "${version}" "${sequence}"
}

chaincode_upgrade_usage() {
    cat <<USAGE
usage: bia chaincode upgrade [--version V]
       bia chaincode upgrade --name NAME [--version V] [--policy P]

Deploys a new version at the next sequence. The old chaincode server keeps serving until the new definition is
committed and answers. Rerunning with a --version that is already committed changes nothing.
  --version V   the new version (default: <next sequence>.0)
  --name NAME   another chaincode deployed with 'chaincode deploy --name NAME' (default: the association's)
  --policy P    with --name: a new endorsement policy for it (default: the one it has)
USAGE
}

chaincode_upgrade() {
    local version=""
    NAME_FLAG="" PATH_FLAG="" POLICY_FLAG="" PORT_FLAG=""
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --name | --policy) parse_chaincode_flag "$@"; shift 2 ;;
            --version) version="${2:?--version needs a value}"; shift 2 ;;
            -h | --help) chaincode_upgrade_usage; return 0 ;;
            *) chaincode_upgrade_usage >&2; fatal "unknown option '$1'" ;;
        esac
    done
    chaincode_prepare upgrade "${NAME_FLAG}" "" "${POLICY_FLAG}" ""
    [ "${COMMITTED_SEQUENCE}" -gt 0 ] || fatal "chaincode '${CC_NAME}' is not deployed yet: run 'scripts/bia chaincode deploy$(deploy_name_flag)'"
    if [ -n "${version}" ] && [ "${version}" = "${COMMITTED_VERSION}" ]; then
        [ -z "${POLICY_FLAG}" ] || [ "${POLICY_FLAG}" = "$(recorded "${CC_NAME}" policy)" ] ||
            fatal "version ${version} is committed with policy $(recorded "${CC_NAME}" policy); a new policy needs a new --version"
        info "version ${version} is already committed (sequence ${COMMITTED_SEQUENCE}); making sure its server runs"
        deploy_definition "${version}" "${COMMITTED_SEQUENCE}"
        return 0
    fi
    local sequence=$((COMMITTED_SEQUENCE + 1))
    deploy_definition "${version:-${sequence}.0}" "${sequence}"
}

# One line per chaincode: its committed definition, or that it has none.
print_committed() {
    if [ "${COMMITTED_SEQUENCE}" -gt 0 ]; then
        printf 'committed: %s version %s sequence %s on channel %s' "${CC_NAME}" "${COMMITTED_VERSION}" "${COMMITTED_SEQUENCE}" "${CHANNEL}"
    else
        printf 'committed: none (%s is not deployed on %s)' "${CC_NAME}" "${CHANNEL}"
    fi
    is_default_chaincode || printf ' [%s, policy %s, ports %s/%s]' "$(project_path "${CC_PATH}")" "${CC_POLICY}" \
        "${CC_BASE_PORT}" $((CC_BASE_PORT + 1))
    printf '\n'
}

chaincode_list() {
    case "${1:-}" in
        -h | --help) printf 'usage: bia chaincode list\n\nShows the committed definition of the association'"'"'s chaincode and of every other chaincode deployed\nwith --name, the packages installed on each peer and the running chaincode servers.\n'; return 0 ;;
        "") ;;
        *) fatal "unknown option '$1'" ;;
    esac
    chaincode_prepare list "" "" "" ""
    print_committed
    local name
    while IFS= read -r name; do
        select_chaincode "${name}" "" "" ""
        read_committed
        print_committed
    done < <(recorded_chaincodes)
    local line node ids
    for line in "${PEERS[@]}"; do
        IFS='|' read -r _ _ node _ <<<"${line}"
        ids="$(as_admin "${node}" peer lifecycle chaincode queryinstalled --output json 2>/dev/null |
            sed -n 's/.*"package_id": *"\([^"]*\)".*/\1/p' | tr '\n' ' ')"
        printf 'installed on %-20s %s\n' "${node}:" "${ids:-none}"
    done
    local file pid port
    for file in "${BIA_PID_DIR}"/chaincode-*.pid; do
        [ -f "${file}" ] || continue
        name="$(basename "${file}" .pid)"
        if pid="$(running_pid "${name}")"; then
            port="${name#chaincode-}"
            printf 'server %s (pid %s) on 127.0.0.1:%s serves %s\n' "${name}" "${pid}" "${port%%.*}" "$(cat "${BIA_CC_DIR}/${name}.id" 2>/dev/null)"
        fi
    done
}
