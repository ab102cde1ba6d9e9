# shellcheck shell=bash
# A network spread over several hosts (`network up --hosts FILE`, `org add NAME --host H`): each organisation (and
# the ordering organisation) runs its nodes on its own machine, reached at that machine's host name, and keeps its
# crypto material in its own folder (generated/hosts/<org>/); what the others need of it, its public MSP and TLS CA
# certificate, is handed over in generated/exchange/<org>/, which holds no key.
#
# FILE, the inventory, is the provisioner's: `{"machines": {HOST: NETNS}, "placement": {ORG: HOST}}`. On this one
# machine a "machine" is a Linux network namespace: a command runs on host H through `ip netns exec NETNS`, which
# also gives it that namespace's /etc/netns/NETNS/hosts as /etc/hosts, where every host name resolves. The scripts
# keep the placement, one `kind|org|host|netns` line per organisation, in generated/placement; without that file
# (every network created without --hosts) nothing here changes anything: commands run here and dial 127.0.0.1.
# Sourced by common.sh.

BIA_PLACEMENT="${BIA_GENERATED}/placement"
BIA_EXCHANGE="${BIA_GENERATED}/exchange"
declare -A HOST_OF=() NETNS_OF=()
ORDERER_ORG=""
HOSTS_LOADED=false

hosts_mode() { [ -f "${BIA_PLACEMENT}" ]; }

# Reads generated/placement into HOST_OF and NETNS_OF (by organisation) and ORDERER_ORG.
load_hosts() {
    HOST_OF=()
    NETNS_OF=()
    ORDERER_ORG=""
    HOSTS_LOADED=true
    hosts_mode || return 0
    local kind org host netns
    while IFS='|' read -r kind org host netns; do
        [ -n "${org}" ] || continue
        HOST_OF["${org}"]="${host}"
        NETNS_OF["${org}"]="${netns}"
        [ "${kind}" != orderer ] || ORDERER_ORG="${org}"
    done <"${BIA_PLACEMENT}"
}

ensure_hosts_loaded() { [ "${HOSTS_LOADED}" = true ] || load_hosts; }

# The organisation a process belongs to, from its name: peer0.ORG, chaincode-PORT.ORG; orderers have no dot.
node_org() {
    case "$1" in
        *.*) printf '%s' "${1##*.}" ;;
        *) printf '%s' "${ORDERER_ORG}" ;;
    esac
}

# Sets HOST_EXEC: the prefix that runs a command on NODE's host (empty on a single-host network).
host_exec_prefix() {
    HOST_EXEC=()
    hosts_mode || return 0
    ensure_hosts_loaded
    local org netns
    org="$(node_org "$1")"
    netns="${NETNS_OF[${org}]:-}"
    [ -n "${netns}" ] || fatal "'$1' (organisation '${org}') is placed on no host in ${BIA_PLACEMENT}"
    HOST_EXEC=(ip netns exec "${netns}")
}

# on_node NODE COMMAND...: runs an executable on NODE's host.
on_node() {
    local node="$1"
    shift
    host_exec_prefix "${node}"
    "${HOST_EXEC[@]}" "$@"
}

# Where other hosts dial NODE's PORT: its organisation's host name, or 127.0.0.1 on a single-host network.
node_endpoint() {
    if hosts_mode; then
        ensure_hosts_loaded
        printf '%s:%s' "${HOST_OF[$(node_org "$1")]:?no host for $1}" "$2"
    else
        printf '127.0.0.1:%s' "$2"
    fi
}

# Whether PORT is open on NODE's host loopback.
port_open_on() {
    # shellcheck disable=SC2016 # $0 is expanded by the bash on that host
    on_node "$1" bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$2" 2>/dev/null
}

# An organisation's own folder: its host's folder on a network spread over hosts, else the generated folder.
org_home() {
    if hosts_mode; then
        printf '%s/hosts/%s' "${BIA_GENERATED}" "$1"
    else
        printf '%s' "${BIA_GENERATED}"
    fi
}

# Copies what an organisation hands the others from its crypto folder ORG_DIR (cryptogen's peerOrganizations/<domain>
# or ordererOrganizations/<domain>) into exchange/ORG: the MSP's CA and TLS CA certificates, its NodeOU config.yaml
# (and admin certificates, when it has any), and the TLS CA certificate as tls-ca.crt. Named files only, never a
# folder with a keystore; checked for key material before it is published.
publish_public_msp() {
    local org="$1" org_dir="$2" out="${BIA_EXCHANGE}/$1"
    rm -rf "${out}.new"
    mkdir -p "${out}.new/msp"
    cp -R "${org_dir}/msp/cacerts" "${org_dir}/msp/tlscacerts" "${out}.new/msp/"
    cp "${org_dir}/msp/config.yaml" "${out}.new/msp/config.yaml"
    if [ -n "$(ls -A "${org_dir}/msp/admincerts" 2>/dev/null)" ]; then
        cp -R "${org_dir}/msp/admincerts" "${out}.new/msp/"
    fi
    cat "${org_dir}/msp/tlscacerts/"*.pem >"${out}.new/tls-ca.crt"
    if grep -rlq 'PRIVATE KEY' "${out}.new"; then
        rm -rf "${out}.new"
        fatal "refusing to publish ${org}'s MSP: ${org_dir}/msp holds key material outside its keystore"
    fi
    rm -rf "${out}"
    mv "${out}.new" "${out}"
    info "${org}: public MSP published to ${out}"
}

# ---- `network up --hosts FILE` ----

# Writes the founding placement from the inventory (once; `org add --host` extends it).
init_placement() {
    local inventory="$1"
    [ -f "${inventory}" ] || fatal "--hosts ${inventory}: no such file"
    if hosts_mode; then
        info "placement exists (${BIA_PLACEMENT}); keeping it"
    else
        run network_config placement --inventory "${inventory}" --out "${BIA_PLACEMENT}.new"
        mv "${BIA_PLACEMENT}.new" "${BIA_PLACEMENT}"
    fi
    load_hosts
    local org netns
    for org in "${!NETNS_OF[@]}"; do
        netns="${NETNS_OF[${org}]}"
        ip netns exec "${netns}" true 2>/dev/null ||
            fatal "host ${HOST_OF[${org}]} of ${org}: cannot run a command in network namespace '${netns}' (ip netns exec ${netns})"
    done
}

# Each organisation's crypto material, made on its own host by cryptogen for it alone (org.sh's org_crypto, the
# path `org add` takes for a newcomer), then its public part published.
generate_crypto_on_hosts() {
    local values ordering ordering_domain line org domain
    mapfile -t values < <(network_config get ordererOrganizationName ordererDomain)
    ordering="${values[0]}"
    ordering_domain="${values[1]}"
    org_crypto "${ordering}" "${ordering_domain}" orderer
    for line in "${PEERS[@]}"; do
        IFS='|' read -r org _ <<<"${line}"
        domain="$(org_config describe --topology "${BIA_TOPOLOGY}" --name "${org}" | cut -d'|' -f2)"
        org_crypto "${org}" "${domain}" peer
    done
}

# ---- chaincode servers: one per organisation, on its own host ----

# The server of PORT on ORG's host: chaincode-PORT.ORG (chaincode-PORT on a single-host network).
org_server_name() {
    if hosts_mode; then printf 'chaincode-%s.%s' "$1" "$2"; else server_name "$1"; fi
}

# The organisations of the running peers, once each.
peer_orgs() {
    local line org seen=" "
    for line in "${PEERS[@]}"; do
        IFS='|' read -r org _ <<<"${line}"
        [[ "${seen}" != *" ${org} "* ]] || continue
        seen+="${org} "
        printf '%s\n' "${org}"
    done
}

# The organisation's chaincode server TLS key and certificate, made on its own host and issued by its own TLS CA
# (cryptogen's tlsca), for the name every host resolves to its own server (chaincode.localhost) and 127.0.0.1.
ensure_org_chaincode_tls() {
    local org="$1" dir ca_dir host
    dir="$(org_home "${org}")/chaincode-tls"
    [ ! -f "${dir}/server.crt" ] || return 0
    ca_dir="$(find "$(org_home "${org}")/organizations/peerOrganizations" -mindepth 2 -maxdepth 2 -type d -name tlsca | head -n 1)"
    [ -n "${ca_dir}" ] || fatal "${org}: no TLS CA (tlsca/) in $(org_home "${org}")/organizations"
    host="$(network_config get chaincodeServerHost)"
    mkdir -p "${dir}"
    printf 'subjectAltName=DNS:%s,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' "${host}" >"${dir}/server.ext"
    run openssl ecparam -name prime256v1 -genkey -noout -out "${dir}/server.key"
    run openssl req -new -key "${dir}/server.key" -subj "/CN=${host}/O=${org}" -out "${dir}/server.csr"
    run openssl x509 -req -in "${dir}/server.csr" -CA "$(find "${ca_dir}" -name '*-cert.pem' | head -n 1)" \
        -CAkey "${ca_dir}/priv_sk" -CAcreateserial -days 3650 -extfile "${dir}/server.ext" -out "${dir}/server.crt"
}

# The environment of ORG's chaincode server: its organisation's MSP ID, which fabric-shim's getMspID() reports.
org_server_env() {
    local org="$1" msp file
    msp="$(org_peer_line "${org}" | cut -d'|' -f2)"
    file="${BIA_CC_DIR}/${org}.env"
    printf "export CORE_PEER_LOCALMSPID='%s'\n" "${msp}" >"${file}"
    printf '%s' "${file}"
}

# Starts (or keeps) every organisation's server of PACKAGE_ID on PORT, each on its own host, on its loopback.
ensure_org_servers() {
    local port="$1" org name tls env_file built=false
    for org in $(peer_orgs); do
        name="$(org_server_name "${port}" "${org}")"
        if running_pid "${name}" >/dev/null; then
            if [ "$(cat "${BIA_CC_DIR}/${name}.id" 2>/dev/null)" = "${PACKAGE_ID}" ]; then
                info "${name} already serves ${PACKAGE_ID}"
                continue
            fi
            stop_process "${name}"
        fi
        require_port_free "${port}" "${org}'s chaincode server" "${name}"
        [ "${built}" = true ] || build_chaincode
        built=true
        ensure_org_chaincode_tls "${org}"
        tls="$(org_home "${org}")/chaincode-tls"
        env_file="$(org_server_env "${org}")"
        start_process "${name}" "${env_file}" node "${BIA_ROOT}/node_modules/fabric-shim/cli.js" server \
            --chaincode-address "127.0.0.1:${port}" --chaincode-id "${PACKAGE_ID}" --module-path "${CC_PATH}" \
            --chaincode-tls-key-file "${tls}/server.key" --chaincode-tls-cert-file "${tls}/server.crt"
        record_server "${name}"
        wait_process_ready "${name}" "${name} to listen on port ${port} of its host" port_open_on "${name}" "${port}"
    done
}

# Stops every organisation's server on PORT (after an upgrade).
stop_org_servers() {
    local names
    mapfile -t names < <(pid_names "chaincode-$1.*")
    [ "${#names[@]}" -eq 0 ] || stop_processes "${names[@]}"
    local name
    for name in "${names[@]}"; do forget_server "${name}"; done
}
