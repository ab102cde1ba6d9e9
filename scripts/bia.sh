#!/usr/bin/env bash
# The one entry point for the association's real Fabric network: `bia <group> <command> [flags]`.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "${script_dir}/lib/common.sh"
# shellcheck source=scripts/lib/runtime.sh
source "${script_dir}/lib/runtime.sh"
# shellcheck source=scripts/lib/ca.sh
source "${script_dir}/lib/ca.sh"
# shellcheck source=scripts/lib/network.sh
source "${script_dir}/lib/network.sh"
# shellcheck source=scripts/lib/channel.sh
source "${script_dir}/lib/channel.sh"
# shellcheck source=scripts/lib/chaincode-registry.sh
source "${script_dir}/lib/chaincode-registry.sh"
# shellcheck source=scripts/lib/chaincode.sh
source "${script_dir}/lib/chaincode.sh"
# shellcheck source=scripts/lib/org.sh
source "${script_dir}/lib/org.sh"

usage() {
    cat <<USAGE
usage: scripts/bia <command> [flags]      (every command takes --help)

  network up [--orderers 1|3] [--batch-timeout D] [--max-message-count N] [--state-database DB]
             [--ca cryptogen|fabric-ca] [--runtime native|docker] [--hosts FILE]
  network down [--clean]
  network status
  channel create
  chaincode deploy [--version V] [--sequence N]
                   [--name NAME [--path DIR] [--policy P] [--port PORT]]   (another chaincode beside bia)
  chaincode upgrade [--version V] [--name NAME [--policy P]]
  chaincode list
  org add NAME [--msp-id ID] [--domain D] [--peer-port P] [--users N] [--host H]
                                                                      (a new organisation joins the channel)
  org remove NAME                                                     (an organisation leaves it)

Fabric v${BIA_FABRIC_VERSION} binaries are taken from BIA_FABRIC_BIN, else PATH (scripts/install-fabric.sh gets them).
Defaults: network/config/fabric.env (override with BIA_* environment variables) and network/config/topology.json.
Generated state, logs and PID files: ${BIA_GENERATED}
USAGE
}

main() {
    trap on_exit EXIT
    local group="${1:-}" command="${2:-}"
    case "${group}" in
        -h | --help | help | "") usage; return 0 ;;
    esac
    shift
    [ "$#" -eq 0 ] || shift
    case "${group} ${command}" in
        "network up") network_up "$@" ;;
        "network down") network_down "$@" ;;
        "network status") network_status "$@" ;;
        "channel create") channel_create "$@" ;;
        "chaincode deploy") chaincode_deploy "$@" ;;
        "chaincode upgrade") chaincode_upgrade "$@" ;;
        "chaincode list") chaincode_list "$@" ;;
        "org add") org_add "$@" ;;
        "org remove") org_remove "$@" ;;
        *) usage >&2; fatal "unknown command '${group} ${command}'" ;;
    esac
}

main "$@"
