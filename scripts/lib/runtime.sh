# shellcheck shell=bash
# Where the orderers and peers run: native processes tracked by PID file (the default), or containers of
# network/compose/compose.yaml (`network up --runtime docker`). CAs and chaincode servers are always processes.

BIA_COMPOSE_FILE="${BIA_NETWORK_DIR}/compose/compose.yaml"
BIA_COMPOSE_ENV="${BIA_GENERATED}/compose/compose.env"
# The runtime of the network being worked on; set by network_up or load_runtime.
RUNTIME=native

load_runtime() {
    RUNTIME="$(saved_setting runtime)"
    RUNTIME="${RUNTIME:-native}"
}

# Finds docker compose (the v2 plugin, else docker-compose 1.28+) and a reachable Docker engine.
require_compose() {
    if docker compose version >/dev/null 2>&1; then
        COMPOSE=(docker compose)
    elif command -v docker-compose >/dev/null 2>&1; then
        COMPOSE=(docker-compose)
    else
        fatal "--runtime docker needs docker compose (the Docker Compose v2 plugin, or docker-compose 1.28+); install it, or use --runtime native"
    fi
    docker info >/dev/null 2>&1 || fatal "the Docker engine does not answer ('docker info' fails): start it, or use --runtime native"
}

# docker compose on our compose file, with the generated project settings (project name, paths, image tag, user).
compose() {
    local project
    project="$(sed -n "s/^COMPOSE_PROJECT_NAME='\(.*\)'$/\1/p" "${BIA_COMPOSE_ENV}")"
    "${COMPOSE[@]}" --project-name "${project}" --file "${BIA_COMPOSE_FILE}" --env-file "${BIA_COMPOSE_ENV}" "$@"
}

# Writes generated/compose/compose.env (the node env files are written by `network_config render`).
write_compose_env() {
    network_config compose-env --generated "${BIA_GENERATED}" --builder "${BIA_NETWORK_DIR}/builders/ccaas" \
        --image-tag "${BIA_FABRIC_VERSION}" --user "$(id -u):$(id -g)" >/dev/null
}

# True for the names that are containers in the docker runtime.
is_container() {
    [ "${RUNTIME}" = docker ] || return 1
    case "$1" in orderer* | peer*) return 0 ;; *) return 1 ;; esac
}

# (The listing is captured before grep reads it: with pipefail, grep -q quitting early could fail the pipeline.)
container_running() {
    local running
    running="$(compose ps --services --filter status=running 2>/dev/null)" || return 1
    grep -qxF "$1" <<<"${running}"
}

# Whether a node (or CA, or chaincode server) we started is running, whatever runs it.
node_running() {
    if is_container "$1"; then
        container_running "$1"
    else
        running_pid "$1" >/dev/null
    fi
}

# The last lines a node logged.
node_log_tail() {
    if is_container "$1"; then
        compose logs --no-color --tail 20 "$1" 2>&1
    else
        tail -n 20 "${BIA_LOG_DIR}/$1.log" 2>/dev/null
    fi
}

# Starts containers (3 orderers need the raft3 profile), each with its node's generated environment.
start_containers() {
    local profile=() display="docker compose -f ${BIA_COMPOSE_FILE} --env-file ${BIA_COMPOSE_ENV}"
    if [ "${#ORDERERS[@]}" -ge 3 ]; then
        profile=(--profile raft3)
        display+=" --profile raft3"
    fi
    RUN_DISPLAY="${display} up -d $*" run compose "${profile[@]}" up --detach --no-recreate "$@"
}

# Removes the containers (their ledgers stay in generated/data, on the host).
stop_containers() {
    [ -f "${BIA_COMPOSE_ENV}" ] || return 0
    require_compose
    RUN_DISPLAY="docker compose -f ${BIA_COMPOSE_FILE} --env-file ${BIA_COMPOSE_ENV} --profile raft3 down" \
        run compose --profile raft3 down --remove-orphans
}
