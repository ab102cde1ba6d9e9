# shellcheck shell=bash
# The machines of npm run test:hosts, on this one machine: one Linux network namespace per host, each with its own
# address on a private bridge, resolving every host name through its own hosts file (/etc/netns/<ns>/hosts, which
# `ip netns exec` puts over /etc/hosts). Everything made here is named with the prefix biah-, so that cleaning up
# never touches anything else. Sourced by test/hosts/run.sh (root only).
#
# Addresses come from 198.51.100.0/24 (TEST-NET-2, RFC 5737: documentation only, never routed). The bridge has no
# address of its own: the root namespace is not on that network, and no namespace has a route beyond it.

BIAH_PREFIX=biah
BIAH_BRIDGE="${BIAH_PREFIX}-br"
BIAH_SUBNET=198.51.100
BIAH_DOMAIN=bia.test
# host index → its address's last byte (the client is .2, organisations from .10)
declare -A BIAH_ADDRESS=()
declare -A BIAH_NETNS=()
BIAH_MACHINES=()

biah_netns() { printf '%s-%s' "${BIAH_PREFIX}" "$1"; }
biah_host() { printf '%s.%s' "$1" "${BIAH_DOMAIN}"; }

# Removes everything with our prefix: processes still inside our namespaces (an aborted run's), the namespaces (and
# with them their ends of the veth pairs), the bridge, any veth left on this side, the hosts files.
biah_cleanup() {
    local ns pid link
    while read -r ns _; do
        case "${ns}" in "${BIAH_PREFIX}"-*) ;; *) continue ;; esac
        for pid in $(ip netns pids "${ns}" 2>/dev/null); do
            kill -KILL "${pid}" 2>/dev/null || true
        done
        ip netns del "${ns}" 2>/dev/null || true
    done < <(ip netns list 2>/dev/null)
    while read -r link; do
        ip link del "${link}" 2>/dev/null || true
    done < <(ip -o link show 2>/dev/null | sed -n "s/^[0-9]*: \(${BIAH_PREFIX}-[^:@]*\).*/\1/p")
    rm -rf "/etc/netns/${BIAH_PREFIX}-"*
}

# What is left with our prefix (empty when all is clean): namespaces, links, hosts-file folders.
biah_leftovers() {
    ip netns list 2>/dev/null | sed -n "s/^\(${BIAH_PREFIX}-[^ ]*\).*/namespace \1/p"
    ip -o link show 2>/dev/null | sed -n "s/^[0-9]*: \(${BIAH_PREFIX}-[^:@]*\).*/link \1/p"
    local dir
    for dir in "/etc/netns/${BIAH_PREFIX}-"*; do
        [ ! -e "${dir}" ] || printf 'folder %s\n' "${dir}"
    done
}

# Fails unless a network namespace can be made here; prints why.
biah_can_make_namespaces() {
    local probe output
    probe="$(biah_netns probe$$)"
    if ! output="$(ip netns add "${probe}" 2>&1)"; then
        printf '%s' "${output}"
        return 1
    fi
    ip netns del "${probe}"
}

biah_bridge() {
    ip link add "${BIAH_BRIDGE}" type bridge
    ip link set "${BIAH_BRIDGE}" up
}

# biah_machine NAME LAST_BYTE: a namespace with loopback and one veth on the bridge at SUBNET.LAST_BYTE.
biah_machine() {
    local name="$1" byte="$2" ns outside inside
    ns="$(biah_netns "${name}")"
    outside="${BIAH_PREFIX}-v${byte}"
    inside="${BIAH_PREFIX}-p${byte}"
    ip netns add "${ns}"
    ip -n "${ns}" link set lo up
    ip link add "${outside}" type veth peer name "${inside}"
    ip link set "${outside}" master "${BIAH_BRIDGE}" up
    ip link set "${inside}" netns "${ns}"
    ip -n "${ns}" link set "${inside}" name eth0
    ip -n "${ns}" addr add "${BIAH_SUBNET}.${byte}/24" dev eth0
    ip -n "${ns}" link set eth0 up
    BIAH_ADDRESS["${name}"]="${BIAH_SUBNET}.${byte}"
    BIAH_NETNS["${name}"]="${ns}"
    BIAH_MACHINES+=("${name}")
    mkdir -p "/etc/netns/${ns}"
    # No name server: every name these hosts use is in their hosts file, and nothing is looked up outside.
    printf '# test:hosts: no name server\n' >"/etc/netns/${ns}/resolv.conf"
}

# Writes every machine's hosts file: every host name, and the chaincode server's name on its own loopback
# (CHAINCODE_HOST). Written in place (same inode): processes already running see the file `ip netns exec` bound
# over their /etc/hosts change, as machines see a DNS update.
biah_hosts_files() {
    local chaincode_host="$1" name other file
    for name in "${BIAH_MACHINES[@]}"; do
        file="/etc/netns/${BIAH_NETNS[${name}]}/hosts"
        {
            printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n'
            printf '127.0.0.1\t%s\n' "${chaincode_host}"
            for other in "${BIAH_MACHINES[@]}"; do
                printf '%s\t%s\n' "${BIAH_ADDRESS[${other}]}" "$(biah_host "${other}")"
            done
        } >"${file}"
    done
}

# FROM reaches TO by host name: a TCP connection to a listener on TO's own address (port 9, for the check only).
biah_check_reachable() {
    local from="$1" to="$2" pid status=1
    ip netns exec "${BIAH_NETNS[${to}]}" timeout 20 node -e \
        "require('node:net').createServer((socket) => socket.end()).listen(9, '${BIAH_ADDRESS[${to}]}')" &
    pid=$!
    for _ in $(seq 1 50); do
        if ip netns exec "${BIAH_NETNS[${from}]}" bash -c "exec 3<>/dev/tcp/$(biah_host "${to}")/9" 2>/dev/null; then
            status=0
            break
        fi
        sleep 0.1
    done
    kill "${pid}" 2>/dev/null || true
    wait "${pid}" 2>/dev/null || true
    return "${status}"
}

# The inventory scripts/bia reads (network up --hosts FILE): every machine but the client, and where each
# organisation runs (ORGS: organisation names; the ordering organisation's too).
biah_inventory() {
    local out="$1" name first=true
    shift
    {
        printf '{\n  "machines": {'
        for name in "${BIAH_MACHINES[@]}"; do
            [ "${name}" != client ] || continue
            "${first}" || printf ','
            first=false
            printf '\n    "%s": "%s"' "$(biah_host "${name}")" "${BIAH_NETNS[${name}]}"
        done
        printf '\n  },\n  "placement": {'
        first=true
        for name in "$@"; do
            "${first}" || printf ','
            first=false
            printf '\n    "%s": "%s"' "${name}" "$(biah_host "${name}")"
        done
        printf '\n  }\n}\n'
    } >"${out}"
}
