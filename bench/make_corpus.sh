#!/usr/bin/env bash
# make_corpus.sh OUT MB -- write a JSON Lines news corpus of at least MB
# megabytes, built from the project's own example articles with numbered ids
# and varied dates, so that every run measures the same bytes.
set -euo pipefail
out=$1 mb=$2
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$(dirname "$out")"
{
    for f in "$dir"/examples/*.txt; do
        # One JSON string per article: escape backslashes, quotes and newlines.
        sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' "$f" | awk 'BEGIN{ORS=""} {print $0 "\\n"}'
        echo
    done
    grep -oh '"text":"[^}]*"}' "$dir"/examples/*.jsonl | sed -e 's/^"text":"//' -e 's/"}$//'
} >"$out.texts"
awk -v target=$((mb * 1000000)) '
    { text[n++] = $0 }
    END {
        size = 0; i = 0
        while (size < target) {
            line = sprintf("{\"id\":\"bench-%07d\",\"date\":\"2024-%02d-%02d\",\"text\":\"%s\"}",
                           i, i % 12 + 1, i % 28 + 1, text[i % n])
            print line
            size += length(line) + 1
            i++
        }
    }' "$out.texts" >"$out"
rm -f "$out.texts"
