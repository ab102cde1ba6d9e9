# shellcheck shell=bash
# Sourced by the real-Fabric suites (test:fabric, test:faults, test:orgs): puts BIA_FABRIC_BIN on PATH and ends the
# suite as skipped, naming the missing binary, when Fabric's binaries are absent.
skip_without_fabric_binaries() {
    local suite="$1" tool
    shift
    if [ -n "${BIA_FABRIC_BIN:-}" ]; then
        PATH="${BIA_FABRIC_BIN}:${PATH}"
        export PATH
    fi
    for tool in "$@"; do
        if ! command -v "${tool}" >/dev/null 2>&1; then
            echo "${suite}: SKIPPED - Fabric binary '${tool}' not found on PATH or in BIA_FABRIC_BIN (get them with scripts/install-fabric.sh)" >&2
            exit 0
        fi
    done
}
