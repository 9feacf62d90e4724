#!/usr/bin/env bash
# deps.sh -- install the Debian packages needed to build and test annals.
# Run as root (CI) or as a user with sudo.  Packages already installed are
# left alone, and nothing is fetched when all of them are present.
set -euo pipefail

packages=(
    build-essential     # cc, make
    pkg-config
    libutf8proc-dev     # Unicode properties and NFC
    zlib1g-dev          # gzip input, CRC-32 of model files
    libcmocka-dev       # unit tests
    clang               # make fuzz (libFuzzer)
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "deps.sh: all ${#packages[@]} packages already installed"
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "deps.sh: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
