#!/usr/bin/env bash
# Installs the official Hyperledger Fabric release binaries (peer, orderer, configtxgen, osnadmin, cryptogen, ...)
# and their sample config, at the version pinned in network/config/fabric.env, after checking the tarball's sha256.
# Needs internet access to github.com. Usage: scripts/install-fabric.sh [--dir DIR] [--help]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
source "${root}/network/config/fabric.env"

info() { printf '[install-fabric] %s\n' "$*" >&2; }
fatal() {
    printf '[install-fabric] ERROR: %s\n' "$*" >&2
    exit 1
}

usage() {
    cat <<USAGE
usage: scripts/install-fabric.sh [--dir DIR]

Downloads hyperledger-fabric-<os>-<arch>-${BIA_FABRIC_VERSION}.tar.gz from the official GitHub release, checks its
sha256 and unpacks bin/ and config/ into DIR (default: ${XDG_DATA_HOME:-${HOME}/.local/share}/bia/fabric-${BIA_FABRIC_VERSION}).

The expected sha256 is BIA_FABRIC_SHA256 (network/config/fabric.env, or the environment). When it is empty, the
digest GitHub records for the release asset is used instead and printed, so you can pin it.

Afterwards: export BIA_FABRIC_BIN=DIR/bin   (or put DIR/bin on PATH), then scripts/bia network up.
No internet? Build from source instead: git clone https://github.com/hyperledger/fabric -b v${BIA_FABRIC_VERSION},
then 'make peer orderer configtxgen osnadmin cryptogen discover' with the Go version its go.mod names; copy
sampleconfig/core.yaml and sampleconfig/orderer.yaml to a config/ folder beside bin/ (or set BIA_FABRIC_CONFIG).
USAGE
}

platform() {
    local os arch
    case "$(uname -s)" in
        Linux) os=linux ;;
        Darwin) os=darwin ;;
        *) fatal "no Fabric release binaries for $(uname -s); build from source (see --help)" ;;
    esac
    case "$(uname -m)" in
        x86_64 | amd64) arch=amd64 ;;
        arm64 | aarch64) arch=arm64 ;;
        *) fatal "no Fabric release binaries for $(uname -m); build from source (see --help)" ;;
    esac
    printf '%s-%s' "${os}" "${arch}"
}

# The sha256 GitHub records for a release asset (its API's "digest" field), for when none is pinned.
github_digest() {
    local asset="$1"
    curl -fsSL "https://api.github.com/repos/hyperledger/fabric/releases/tags/v${BIA_FABRIC_VERSION}" |
        tr ',' '\n' | grep -A3 "\"name\": *\"${asset}\"" | sed -n 's/.*"digest": *"sha256:\([0-9a-f]*\)".*/\1/p' | head -n 1
}

main() {
    local dir="${XDG_DATA_HOME:-${HOME}/.local/share}/bia/fabric-${BIA_FABRIC_VERSION}"
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
            -h | --help) usage; return 0 ;;
            *) usage >&2; fatal "unknown option '$1'" ;;
        esac
    done
    local tool
    for tool in curl tar sha256sum; do
        command -v "${tool}" >/dev/null 2>&1 || fatal "'${tool}' is required"
    done
    if [ -x "${dir}/bin/peer" ] && "${dir}/bin/peer" version 2>/dev/null | grep -q "Version: v${BIA_FABRIC_VERSION}$"; then
        info "Fabric v${BIA_FABRIC_VERSION} is already installed in ${dir}"
        info "export BIA_FABRIC_BIN=${dir}/bin"
        return 0
    fi

    local asset url download expected actual
    asset="hyperledger-fabric-$(platform)-${BIA_FABRIC_VERSION}.tar.gz"
    url="https://github.com/hyperledger/fabric/releases/download/v${BIA_FABRIC_VERSION}/${asset}"
    expected="${BIA_FABRIC_SHA256}"
    if [ -z "${expected}" ]; then
        expected="$(github_digest "${asset}")" || true
        [ -n "${expected}" ] || fatal "no sha256 to check ${asset} against: set BIA_FABRIC_SHA256 (from a source you trust)"
        info "no pinned checksum; GitHub records sha256 ${expected} for ${asset} (pin it as BIA_FABRIC_SHA256)"
    fi

    download="$(mktemp "${TMPDIR:-/tmp}/fabric.XXXXXX")"
    trap 'rm -f "${download}"' EXIT
    info "downloading ${url}"
    curl -fSL --retry 3 -o "${download}" "${url}" || fatal "download failed: ${url}"
    actual="$(sha256sum "${download}" | cut -d' ' -f1)"
    [ "${actual}" = "${expected}" ] || fatal "checksum mismatch for ${asset}: expected ${expected}, got ${actual}; nothing installed"

    mkdir -p "${dir}"
    tar -xzf "${download}" -C "${dir}" bin config
    "${dir}/bin/peer" version >/dev/null || fatal "the unpacked peer does not run on this machine"
    info "installed Fabric v${BIA_FABRIC_VERSION} in ${dir}"
    info "now: export BIA_FABRIC_BIN=${dir}/bin"
}

main "$@"
