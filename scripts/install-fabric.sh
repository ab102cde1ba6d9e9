#!/usr/bin/env bash
# Installs the official Hyperledger Fabric release binaries (peer, orderer, configtxgen, osnadmin, cryptogen, ...)
# and their sample config, at the version pinned in network/config/fabric.env, after checking the tarball's sha256.
# With --with-ca, also Fabric CA (fabric-ca-server, fabric-ca-client) for `network up --ca fabric-ca`.
# Needs internet access to github.com. Usage: scripts/install-fabric.sh [--dir DIR] [--with-ca] [--help]
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
usage: scripts/install-fabric.sh [--dir DIR] [--with-ca]

Downloads hyperledger-fabric-<os>-<arch>-${BIA_FABRIC_VERSION}.tar.gz from the official GitHub release, checks its
sha256 and unpacks bin/ and config/ into DIR (default: ${XDG_DATA_HOME:-${HOME}/.local/share}/bia/fabric-${BIA_FABRIC_VERSION}).

The expected sha256 is BIA_FABRIC_SHA256 (network/config/fabric.env, or the environment). When it is empty, the
digest GitHub records for the release asset is used instead and printed, so you can pin it.

  --with-ca   also install Fabric CA v${BIA_FABRIC_CA_VERSION} (hyperledger-fabric-ca-<os>-<arch>-${BIA_FABRIC_CA_VERSION}.tar.gz,
              checked against BIA_FABRIC_CA_SHA256 the same way) into DIR/bin, for 'network up --ca fabric-ca'

Afterwards: export BIA_FABRIC_BIN=DIR/bin   (or put DIR/bin on PATH), then scripts/bia network up.
No internet? Build from source instead: git clone https://github.com/hyperledger/fabric -b v${BIA_FABRIC_VERSION},
then 'make peer orderer configtxgen osnadmin cryptogen discover' with the Go version its go.mod names; copy
sampleconfig/core.yaml and sampleconfig/orderer.yaml to a config/ folder beside bin/ (or set BIA_FABRIC_CONFIG).
Fabric CA likewise: https://github.com/hyperledger/fabric-ca -b v${BIA_FABRIC_CA_VERSION}, 'make fabric-ca-server fabric-ca-client'.
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
    local repo="$1" version="$2" asset="$3"
    curl -fsSL "https://api.github.com/repos/hyperledger/${repo}/releases/tags/v${version}" |
        tr ',' '\n' | grep -A3 "\"name\": *\"${asset}\"" | sed -n 's/.*"digest": *"sha256:\([0-9a-f]*\)".*/\1/p' | head -n 1
}

# install_release REPO VERSION ASSET PINNED_SHA256 DIR MEMBER...: downloads a release asset of hyperledger/REPO,
# checks its sha256 (the pinned one, else GitHub's record, printed) and unpacks MEMBERs into DIR.
install_release() {
    local repo="$1" version="$2" asset="$3" expected="$4" dir="$5"
    shift 5
    local url="https://github.com/hyperledger/${repo}/releases/download/v${version}/${asset}" download actual
    if [ -z "${expected}" ]; then
        expected="$(github_digest "${repo}" "${version}" "${asset}")" || true
        [ -n "${expected}" ] || fatal "no sha256 to check ${asset} against: pin it (network/config/fabric.env) from a source you trust"
        info "no pinned checksum; GitHub records sha256 ${expected} for ${asset} (pin it in network/config/fabric.env)"
    fi
    download="$(mktemp "${TMPDIR:-/tmp}/${repo}.XXXXXX")"
    info "downloading ${url}"
    if ! curl -fSL --retry 3 -o "${download}" "${url}"; then
        rm -f "${download}"
        fatal "download failed: ${url}"
    fi
    actual="$(sha256sum "${download}" | cut -d' ' -f1)"
    if [ "${actual}" != "${expected}" ]; then
        rm -f "${download}"
        fatal "checksum mismatch for ${asset}: expected ${expected}, got ${actual}; nothing installed"
    fi
    mkdir -p "${dir}"
    tar -xzf "${download}" -C "${dir}" "$@"
    rm -f "${download}"
}

main() {
    local dir="${XDG_DATA_HOME:-${HOME}/.local/share}/bia/fabric-${BIA_FABRIC_VERSION}" with_ca=false
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
            --with-ca) with_ca=true; shift ;;
            -h | --help) usage; return 0 ;;
            *) usage >&2; fatal "unknown option '$1'" ;;
        esac
    done
    local tool
    for tool in curl tar sha256sum; do
        command -v "${tool}" >/dev/null 2>&1 || fatal "'${tool}' is required"
    done
    local platform
    platform="$(platform)"
    if [ -x "${dir}/bin/peer" ] && "${dir}/bin/peer" version 2>/dev/null | grep -q "Version: v${BIA_FABRIC_VERSION}$"; then
        info "Fabric v${BIA_FABRIC_VERSION} is already installed in ${dir}"
    else
        install_release fabric "${BIA_FABRIC_VERSION}" "hyperledger-fabric-${platform}-${BIA_FABRIC_VERSION}.tar.gz" \
            "${BIA_FABRIC_SHA256}" "${dir}" bin config
        "${dir}/bin/peer" version >/dev/null || fatal "the unpacked peer does not run on this machine"
        info "installed Fabric v${BIA_FABRIC_VERSION} in ${dir}"
    fi
    if [ "${with_ca}" = true ]; then
        if [ -x "${dir}/bin/fabric-ca-client" ] &&
            "${dir}/bin/fabric-ca-client" version 2>/dev/null | grep -q "Version: v${BIA_FABRIC_CA_VERSION}$"; then
            info "Fabric CA v${BIA_FABRIC_CA_VERSION} is already installed in ${dir}"
        else
            install_release fabric-ca "${BIA_FABRIC_CA_VERSION}" \
                "hyperledger-fabric-ca-${platform}-${BIA_FABRIC_CA_VERSION}.tar.gz" "${BIA_FABRIC_CA_SHA256}" "${dir}" bin
            "${dir}/bin/fabric-ca-client" version >/dev/null || fatal "the unpacked fabric-ca-client does not run on this machine"
            info "installed Fabric CA v${BIA_FABRIC_CA_VERSION} in ${dir}"
        fi
    fi
    info "now: export BIA_FABRIC_BIN=${dir}/bin"
}

main "$@"
