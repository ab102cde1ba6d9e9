# shellcheck shell=bash
# Shared helpers of scripts/bia.sh: paths, logging, command echo, bounded waits, PID-tracked processes.
# Sourced, never run; callers have set -euo pipefail.

BIA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIA_NETWORK_DIR="${BIA_ROOT}/network"
BIA_GENERATED="${BIA_GENERATED:-${BIA_NETWORK_DIR}/generated}"
BIA_LOG_DIR="${BIA_GENERATED}/logs"
BIA_PID_DIR="${BIA_GENERATED}/pids"
BIA_DEBUG_LOG="${BIA_LOG_DIR}/bia-debug.log"
# shellcheck source=/dev/null
source "${BIA_NETWORK_DIR}/config/fabric.env"

info() { printf '[bia] %s\n' "$*" >&2; debug "INFO $*"; }
warn() { printf '[bia] WARNING: %s\n' "$*" >&2; debug "WARN $*"; }
fatal() {
    printf '[bia] ERROR: %s\n' "$*" >&2
    debug "ERROR $*"
    BIA_FAILURE_EXPLAINED=true
    exit 1
}
debug() {
    if [ -d "${BIA_LOG_DIR}" ]; then
        printf '%s %s\n' "$(date '+%H:%M:%S')" "$*" >>"${BIA_DEBUG_LOG}"
    fi
}

# Prints the tail of the debug log when something fails unexpectedly (fatal has already named its cause).
on_exit() {
    local status=$?
    if [ "${status}" -ne 0 ] && [ "${BIA_FAILURE_EXPLAINED:-false}" != true ] && [ -s "${BIA_DEBUG_LOG}" ]; then
        printf '[bia] failed (exit %s); last lines of %s:\n' "${status}" "${BIA_DEBUG_LOG}" >&2
        tail -n 25 "${BIA_DEBUG_LOG}" | sed 's/^/    /' >&2
    fi
}

init_logs() {
    mkdir -p "${BIA_LOG_DIR}" "${BIA_PID_DIR}"
    debug "---- bia $*"
}

# Echoes a command (or RUN_DISPLAY, when a wrapper runs it), runs it with its output in the debug log; on failure
# shows that output and fails.
run() {
    local display="${RUN_DISPLAY:-$*}"
    printf '+ %s\n' "${display}" >&2
    debug "+ ${display}"
    local output status=0
    output="$("$@" 2>&1)" || status=$?
    printf '%s\n' "${output}" >>"${BIA_DEBUG_LOG}"
    if [ "${status}" -ne 0 ]; then
        printf '%s\n' "${output}" | tail -n 15 >&2
        fatal "command failed (exit ${status}): $1"
    fi
    RUN_OUTPUT="${output}"
}

# Like run, but returns the status instead of failing (for probes that may legitimately fail).
try_quiet() {
    debug "? $*"
    local status=0
    RUN_OUTPUT="$("$@" 2>&1)" || status=$?
    printf '%s\n' "${RUN_OUTPUT}" >>"${BIA_DEBUG_LOG}"
    return "${status}"
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND until it succeeds; fails naming what timed out.
wait_until() {
    local seconds="$1" description="$2"
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if [ "${SECONDS}" -ge "${deadline}" ]; then
            fatal "timed out after ${seconds}s waiting for ${description}"
        fi
        sleep 0.2
    done
    debug "ready: ${description}"
}

# port_open PORT [NODE]: something listens on PORT here (or, on a network spread over hosts, on NODE's host).
port_open() {
    if [ -n "${2:-}" ] && hosts_mode; then
        port_open_on "$2" "$1"
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

# require_port_free PORT OWNER [NODE]: fails naming the port when something already listens on it.
require_port_free() {
    local port="$1" owner="$2"
    if port_open "${port}" "${3:-}"; then
        fatal "port ${port} (${owner}) is already in use by another process; stop it or change network/config/topology.json"
    fi
}

# http_ok URL [NODE]: the URL answers 2xx, asked here (or on NODE's host).
http_ok() {
    if [ -n "${2:-}" ]; then
        on_node "$2" curl -fsS --max-time 2 "$1" >/dev/null 2>&1
    else
        curl -fsS --max-time 2 "$1" >/dev/null 2>&1
    fi
}

# ---- processes, tracked by PID file (never by name) ----

pid_file() { printf '%s/%s.pid' "${BIA_PID_DIR}" "$1"; }

# Prints the PID of a started process when it still runs, the same program as recorded.
running_pid() {
    local file pid program
    file="$(pid_file "$1")"
    [ -f "${file}" ] || return 1
    read -r pid program <"${file}" || return 1
    kill -0 "${pid}" 2>/dev/null || return 1
    [ "$(readlink "/proc/${pid}/exe" 2>/dev/null || printf '%s' "${program}")" = "${program}" ] || return 1
    printf '%s' "${pid}"
}

# start_process NAME ENV_FILE COMMAND...: starts COMMAND in the background with ENV_FILE sourced, output to
# logs/NAME.log, and records its PID with the resolved program path (to tell it from a recycled PID).
start_process() {
    local name="$1" env_file="$2"
    shift 2
    local log="${BIA_LOG_DIR}/${name}.log" program
    program="$(readlink -f "$(command -v "$1")")"
    printf '+ %s > %s\n' "$*" "${log}" >&2
    debug "start ${name}: $*"
    (
        # shellcheck source=/dev/null
        [ -z "${env_file}" ] || source "${env_file}"
        # On a network spread over hosts, the process runs on its host (hosts.sh; nothing is prefixed otherwise).
        host_exec_prefix "${name}"
        exec "${HOST_EXEC[@]}" "$@"
    ) >>"${log}" 2>&1 </dev/null &
    local pid="$!" deadline=$((SECONDS + 10))
    printf '%s %s\n' "${pid}" "${program}" >"$(pid_file "${name}")"
    # Until the subshell has exec'd the program, its PID still shows bash; wait for that (or its end), so a busy
    # machine does not make a starting process look like one that died.
    while kill -0 "${pid}" 2>/dev/null && [ "$(readlink "/proc/${pid}/exe" 2>/dev/null || printf '%s' "${program}")" != "${program}" ]; do
        [ "${SECONDS}" -lt "${deadline}" ] || break
        sleep 0.05
    done
}

# Fails with the tail of the process log when it has exited (node_running and node_log_tail: runtime.sh).
require_alive() {
    local name="$1"
    if ! node_running "${name}"; then
        printf '[bia] %s exited; its last lines:\n' "${name}" >&2
        node_log_tail "${name}" | sed 's/^/    /' >&2 || true
        fatal "${name} is not running"
    fi
}

# Waits for CHECK, failing early (with its log) if the process dies meanwhile.
wait_process_ready() {
    local name="$1" description="$2"
    shift 2
    local deadline=$((SECONDS + BIA_WAIT_SECONDS))
    until "$@" >/dev/null 2>&1; do
        require_alive "${name}"
        if [ "${SECONDS}" -ge "${deadline}" ]; then
            node_log_tail "${name}" | sed 's/^/    /' >&2 || true
            fatal "timed out after ${BIA_WAIT_SECONDS}s waiting for ${description}"
        fi
        sleep 0.2
    done
    debug "ready: ${description}"
}

# Stops started processes: TERM to all at once (each takes a second or two to shut down gracefully), a bounded
# wait for every one to exit, then KILL for any that ignored TERM.
stop_processes() {
    local name pid names=() pids=() index deadline=$((SECONDS + 15))
    for name in "$@"; do
        if pid="$(running_pid "${name}")"; then
            info "stopping ${name} (pid ${pid})"
            kill -TERM "${pid}" 2>/dev/null || true
            names+=("${name}")
            pids+=("${pid}")
        else
            rm -f "$(pid_file "${name}")"
        fi
    done
    for index in "${!pids[@]}"; do
        while kill -0 "${pids[${index}]}" 2>/dev/null; do
            if [ "${SECONDS}" -ge "${deadline}" ]; then
                warn "${names[${index}]} (pid ${pids[${index}]}) ignored TERM for 15s; killing it"
                kill -KILL "${pids[${index}]}" 2>/dev/null || true
                break
            fi
            sleep 0.1
        done
        debug "${names[${index}]} (pid ${pids[${index}]}) has exited"
        rm -f "$(pid_file "${names[${index}]}")"
    done
}

stop_process() { stop_processes "$1"; }

# ---- tools ----

# Finds Fabric's binaries on BIA_FABRIC_BIN or PATH, and checks their version; fails saying how to get them.
require_fabric() {
    if [ -n "${BIA_FABRIC_BIN:-}" ]; then
        [ -d "${BIA_FABRIC_BIN}" ] || fatal "BIA_FABRIC_BIN=${BIA_FABRIC_BIN} is not a directory"
        PATH="${BIA_FABRIC_BIN}:${PATH}"
        export PATH
    fi
    local tool
    for tool in peer orderer configtxgen osnadmin cryptogen; do
        if ! command -v "${tool}" >/dev/null 2>&1; then
            fatal "Fabric binary '${tool}' not found on PATH${BIA_FABRIC_BIN:+ or in BIA_FABRIC_BIN=${BIA_FABRIC_BIN}}.
    Get Fabric v${BIA_FABRIC_VERSION} binaries in one of these ways, then rerun:
      - scripts/install-fabric.sh            (downloads the official release, checks its sha256; needs internet)
      - build from source: git clone https://github.com/hyperledger/fabric -b v${BIA_FABRIC_VERSION};
        make peer orderer configtxgen osnadmin cryptogen (Go as named in its go.mod)
    and put them on PATH or set BIA_FABRIC_BIN=/path/to/fabric/bin."
        fi
    done
    local version
    version="$(peer version 2>/dev/null | sed -n 's/^ *Version: v\{0,1\}//p')"
    case "${version}" in
        2.5.*) ;;
        *) fatal "peer at $(command -v peer) is version '${version:-unknown}'; these scripts need Fabric v2.5 (v${BIA_FABRIC_VERSION} tested)" ;;
    esac
    FABRIC_SAMPLE_CONFIG="${BIA_FABRIC_CONFIG:-$(cd "$(dirname "$(command -v peer)")/.." && pwd)/config}"
    if [ ! -f "${FABRIC_SAMPLE_CONFIG}/core.yaml" ] || [ ! -f "${FABRIC_SAMPLE_CONFIG}/orderer.yaml" ]; then
        fatal "Fabric's sample config (core.yaml, orderer.yaml) not found in ${FABRIC_SAMPLE_CONFIG}; it ships beside bin/ in the release tarball (or set BIA_FABRIC_CONFIG)"
    fi
}

require_tools() {
    local tool
    for tool in node curl openssl tar gzip sha256sum; do
        command -v "${tool}" >/dev/null 2>&1 || fatal "'${tool}' is required but not found on PATH"
    done
    [ -f "${BIA_ROOT}/node_modules/tsx/package.json" ] || fatal "node_modules missing: run 'npm install' in ${BIA_ROOT}"
}

# The network configuration tool (network/tools): renders configs and lists nodes from topology.json.
# It reads the topology through @bia/devnet's loader (the one copy), so that package is built first (a no-op when
# it is up to date).
# Once a network exists it reads the network's own copy of the topology (BIA_TOPOLOGY, which `org add|remove`
# change); network/config/topology.json stays the founding topology that `network up` copies.
BIA_TOPOLOGY="${BIA_GENERATED}/topology.json"
network_config() {
    local topology=()
    [ ! -f "${BIA_TOPOLOGY}" ] || topology=(--topology "${BIA_TOPOLOGY}")
    # A network spread over hosts (hosts.sh): every rendering knows where each organisation runs.
    [ ! -f "${BIA_PLACEMENT}" ] || topology+=(--placement "${BIA_PLACEMENT}")
    (cd "${BIA_ROOT}" && node node_modules/typescript/bin/tsc -b network/devnet && node --require tsx/cjs network/tools/src/main.ts "$@" "${topology[@]}")
}

# shellcheck source=scripts/lib/hosts.sh
source "${BIA_ROOT}/scripts/lib/hosts.sh"
