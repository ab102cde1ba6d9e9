# shellcheck shell=bash
# `network up --ca fabric-ca`: one Fabric CA server per organisation (it issues both enrolment and TLS
# certificates) registers and enrols every node, admin and user with NodeOUs, and the results are laid out exactly
# as cryptogen lays them out (organizations/<kind>Organizations/<domain>/...), so nothing downstream changes.

# Finds fabric-ca-server and fabric-ca-client (BIA_FABRIC_BIN or PATH, as for Fabric's other binaries).
require_fabric_ca() {
    local tool
    for tool in fabric-ca-server fabric-ca-client; do
        command -v "${tool}" >/dev/null 2>&1 || fatal "'${tool}' not found on PATH${BIA_FABRIC_BIN:+ or in BIA_FABRIC_BIN=${BIA_FABRIC_BIN}}.
    --ca fabric-ca needs Fabric CA v1.5 binaries: scripts/install-fabric.sh --with-ca downloads them, or build them
    from source (git clone https://github.com/hyperledger/fabric-ca -b v${BIA_FABRIC_CA_VERSION}; make fabric-ca-server fabric-ca-client).
    Or use the default, --ca cryptogen."
    done
}

# Reads the CAs from the topology into CAS (|-separated lines); writes ca/msp-config.yaml (NodeOUs).
load_cas() {
    mapfile -t CAS < <(network_config fabric-ca --generated "${BIA_GENERATED}")
    [ "${#CAS[@]}" -gt 0 ] || fatal "could not read the organisations' CAs from network/config/topology.json"
}

ca_home() { printf '%s/ca/%s' "${BIA_GENERATED}" "$1"; }

# The secret of the CA's bootstrap registrar and of every identity it registers, made once per network.
ca_secret() {
    local file
    file="$(ca_home "$1")/enroll.secret"
    if [ ! -s "${file}" ]; then
        (umask 077 && openssl rand -hex 16 >"${file}")
    fi
    cat "${file}"
}

# Starts each organisation's CA server that is not running (TLS, on 127.0.0.1) and waits for its health endpoint.
start_ca_servers() {
    local line org domain port ops name home env_file
    for line in "${CAS[@]}"; do
        IFS='|' read -r org domain _ port ops name _ <<<"${line}"
        running_pid "ca-${org}" >/dev/null && continue
        require_port_free "${port}" "CA of ${org}"
        require_port_free "${ops}" "CA of ${org}, operations"
        home="$(ca_home "${org}")"
        mkdir -p "${home}"
        # The bootstrap registrar comes through the environment, so its secret is not echoed with the command.
        env_file="${home}/server.env"
        (umask 077 && printf "export FABRIC_CA_SERVER_BOOT='admin:%s'\n" "$(ca_secret "${org}")" >"${env_file}")
        start_process "ca-${org}" "${env_file}" fabric-ca-server start --home "${home}" --address 127.0.0.1 \
            --port "${port}" --tls.enabled --ca.name "${name}" --csr.cn "ca.${domain}" \
            --csr.hosts "ca.${domain},localhost,127.0.0.1" --operations.listenaddress "127.0.0.1:${ops}"
    done
    for line in "${CAS[@]}"; do
        IFS='|' read -r org _ _ _ ops _ <<<"${line}"
        wait_process_ready "ca-${org}" "the CA of ${org} (http://127.0.0.1:${ops}/healthz)" http_ok "http://127.0.0.1:${ops}/healthz"
    done
}

# fabric-ca-client against one organisation's CA (CA_* set by issue_organization); its output goes to the
# debug log, and the command is echoed with the secret masked.
ca_client() {
    local display="fabric-ca-client $* --caname ${CA_NAME}"
    display="${display//${CA_SECRET}/****}"
    [ "${CA_ECHO:-true}" != true ] || printf '+ %s\n' "${display}" >&2
    local output status=0
    output="$(fabric-ca-client "$@" --caname "${CA_NAME}" --tls.certfiles "${CA_CERT}" --home "${CA_CLIENT_HOME}" 2>&1)" || status=$?
    printf '+ %s\n%s\n' "${display}" "${output}" >>"${BIA_DEBUG_LOG}"
    if [ "${status}" -ne 0 ]; then
        # Registering an identity twice is what a rerun does; anything else is a failure.
        if [ "$1" = register ] && [[ "${output}" == *"already registered"* ]]; then
            return 0
        fi
        printf '%s\n' "${output}" | tail -n 10 >&2
        fatal "fabric-ca-client $1 failed (exit ${status}) against ${CA_NAME}"
    fi
}

# Registers NAME with TYPE (peer, orderer, admin or client) using the bootstrap registrar.
ca_register() {
    ca_client register -u "https://${CA_ADDRESS}" --mspdir "${CA_REGISTRAR_MSP}" \
        --id.name "$1" --id.secret "${CA_SECRET}" --id.type "$2"
}

# Writes an enrolment's certificate and key as cryptogen does: MSP (signcerts/<name>-cert.pem, keystore/priv_sk,
# cacerts and tlscacerts, NodeOUs config.yaml) or TLS (ca.crt, <role>.crt, <role>.key).
ca_enroll() {
    local name="$1" dir="$2" layout="$3" hosts="${4:-}" work
    work="${dir}/.enrolment"
    rm -rf "${work}"
    # The organisation's domain as O, instead of fabric-ca-client's sample subject (C=US, ST=North Carolina, ...).
    local extra=(--csr.names "O=${CA_DOMAIN}")
    [ -z "${hosts}" ] || extra+=(--csr.hosts "${hosts}")
    [ "${layout}" = msp ] || extra+=(--enrollment.profile tls)
    ca_client enroll -u "https://${name}:${CA_SECRET}@${CA_ADDRESS}" --mspdir "${work}" "${extra[@]}"
    local key
    key="$(find "${work}/keystore" -name '*_sk' | head -n 1)"
    [ -n "${key}" ] || fatal "fabric-ca-client enrolled ${name} but wrote no private key in ${work}/keystore"
    case "${layout}" in
        msp)
            rm -rf "${dir}/msp"
            mkdir -p "${dir}/msp/cacerts" "${dir}/msp/tlscacerts" "${dir}/msp/signcerts" "${dir}/msp/keystore"
            cp "${CA_CERT}" "${dir}/msp/cacerts/ca.pem"
            cp "${CA_CERT}" "${dir}/msp/tlscacerts/ca.pem"
            cp "${work}/signcerts/cert.pem" "${dir}/msp/signcerts/${name}-cert.pem"
            cp "${key}" "${dir}/msp/keystore/priv_sk"
            cp "${BIA_GENERATED}/ca/msp-config.yaml" "${dir}/msp/config.yaml"
            ;;
        server | client)
            mkdir -p "${dir}/tls"
            cp "${CA_CERT}" "${dir}/tls/ca.crt"
            cp "${work}/signcerts/cert.pem" "${dir}/tls/${layout}.crt"
            cp "${key}" "${dir}/tls/${layout}.key"
            ;;
    esac
    rm -rf "${work}"
}

# Registers and enrols the client users (User1..N) of the CA_* organisation, a few at a time (the secretariat has
# fifty; one after another they take about ten seconds here). Their commands go to the debug log only.
issue_users() {
    local org_dir="$1" domain="$2" user id running=0
    ISSUED_USERS=0
    for user in ${3//,/ }; do
        [ "${user}" != Admin ] || continue
        ISSUED_USERS=$((ISSUED_USERS + 1))
        id="${user}@${domain}"
        (
            CA_ECHO=false
            ca_register "${id}" client
            ca_enroll "${id}" "${org_dir}/users/${id}" msp
        ) &
        running=$((running + 1))
        if [ "${running}" -ge "${BIA_CA_PARALLEL}" ]; then
            wait -n || fatal "enrolling a user of ${CA_NAME} failed (see ${BIA_DEBUG_LOG})"
            running=$((running - 1))
        fi
    done
    while [ "${running}" -gt 0 ]; do
        wait -n || fatal "enrolling a user of ${CA_NAME} failed (see ${BIA_DEBUG_LOG})"
        running=$((running - 1))
    done
    [ "${ISSUED_USERS}" -eq 0 ] ||
        printf '+ fabric-ca-client register/enroll User1..User%s@%s --caname %s (type client; commands in the debug log)\n' \
            "${ISSUED_USERS}" "${domain}" "${CA_NAME}" >&2
}

# Registers and enrols one organisation's nodes, admin and users; marks the organisation done at the end, so a
# rerun after a failure starts it again (registering twice is accepted) and a rerun after success skips it.
issue_organization() {
    local org domain kind org_dir nodes users node home
    IFS='|' read -r org domain kind CA_PORT _ CA_NAME org_dir nodes users <<<"$1"
    home="$(ca_home "${org}")"
    if [ -f "${home}/issued" ]; then
        info "${org}: identities already issued by ${CA_NAME}"
        return 0
    fi
    CA_ADDRESS="127.0.0.1:${CA_PORT}"
    CA_DOMAIN="${domain}"
    CA_CERT="${home}/ca-cert.pem"
    CA_CLIENT_HOME="${home}/client"
    CA_REGISTRAR_MSP="${home}/registrar/msp"
    CA_SECRET="$(ca_secret "${org}")"
    mkdir -p "${CA_CLIENT_HOME}"
    ca_client enroll -u "https://admin:${CA_SECRET}@${CA_ADDRESS}" --mspdir "${CA_REGISTRAR_MSP}"

    rm -rf "${org_dir}"
    mkdir -p "${org_dir}/msp/cacerts" "${org_dir}/msp/tlscacerts" "${org_dir}/ca"
    cp "${CA_CERT}" "${org_dir}/msp/cacerts/ca.pem"
    cp "${CA_CERT}" "${org_dir}/msp/tlscacerts/ca.pem"
    cp "${CA_CERT}" "${org_dir}/ca/ca.${domain}-cert.pem"
    cp "${BIA_GENERATED}/ca/msp-config.yaml" "${org_dir}/msp/config.yaml"

    local node_dir
    for node in ${nodes//,/ }; do
        node_dir="${org_dir}/${kind}s/${node}"
        ca_register "${node}" "${kind}"
        ca_enroll "${node}" "${node_dir}" msp "${node},localhost,127.0.0.1"
        ca_enroll "${node}" "${node_dir}" server "${node},localhost,127.0.0.1"
    done
    # The admin's TLS client certificate authenticates it to the orderers' admin endpoint (osnadmin).
    ca_register "Admin@${domain}" admin
    ca_enroll "Admin@${domain}" "${org_dir}/users/Admin@${domain}" msp
    ca_enroll "Admin@${domain}" "${org_dir}/users/Admin@${domain}" client
    issue_users "${org_dir}" "${domain}" "${users}"
    touch "${home}/issued"
    info "${org}: ${CA_NAME} issued ${nodes//,/, }, Admin and ${ISSUED_USERS} users"
}

# Every organisation's identities, one organisation per background job (its own CA), then waits for all.
issue_identities() {
    local line index pids=() orgs=()
    for line in "${CAS[@]}"; do
        issue_organization "${line}" &
        pids+=("$!")
        orgs+=("${line%%|*}")
    done
    for index in "${!pids[@]}"; do
        wait "${pids[${index}]}" || fatal "the CA of ${orgs[${index}]} could not issue its identities (see ${BIA_DEBUG_LOG})"
    done
}

# The fabric-ca path of `network up`: CA servers running, every organisation's material issued.
generate_crypto_with_ca() {
    require_fabric_ca
    load_cas
    start_ca_servers
    issue_identities
}
