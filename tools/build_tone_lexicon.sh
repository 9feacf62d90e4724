#!/usr/bin/env bash
# build_tone_lexicon.sh -- rebuild models/tone.model, the tone lexicon.
#
#   tools/build_tone_lexicon.sh
#
# Takes vader_lexicon.txt from the npm package vader-sentiment (a port of
# VADER by C.J. Hutto and E. Gilbert; the package is Apache-2.0), keeps the
# lower-case word entries (no emoticons) with their mean valence, leaves out
# the words listed below, and compiles the rest with tools/tonec.c.  Needs
# npm and a built libannals.a, on a developer's machine only: the result is
# committed.  Attribution: models/ATTRIBUTION.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=1.1.3

# Words that news mostly uses in a neutral sense: "like" as a preposition,
# "party" and "united" in names, "interest" rates, "security" forces...
neutral='like yes please well pretty ok okay party parties united justice security
interest interests credit share shares kind true play grand dear trust care'

command -v npm >/dev/null || { echo "build_tone_lexicon.sh: npm not found" >&2; exit 1; }
[[ -f build/libannals.a ]] || make build/libannals.a

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "vader-sentiment@$version" >/dev/null &&
    tar xzf "vader-sentiment-$version.tgz")
lex=$tmp/package/vader_lexicon.txt

awk -F'\t' -v neutral="$neutral" '
    BEGIN { n = split(neutral, w, /[ \n]+/); for (i = 1; i <= n; i++) skip[w[i]] = 1 }
    $1 ~ /^[a-z][a-z'"'"'-]*$/ && !($1 in skip) { print $1 "\t" $2 }' "$lex" >"$tmp/lexicon.tsv"

cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -o "$tmp/tonec" tools/tonec.c \
    build/libannals.a $(pkg-config --libs libutf8proc zlib) -lm
"$tmp/tonec" "$tmp/lexicon.tsv" "vader-sentiment $version vader_lexicon.txt" models/tone.model
ls -l models/tone.model
