#!/usr/bin/env bash
# run.sh ANNALS -- the benchmark: make (once) a 60 MB corpus, then time the
# pipeline on it with bench/bench, on one core.
set -euo pipefail
bin_dir=$(dirname "$1")
corpus=bench/corpus/news.jsonl
[[ -f $corpus ]] || bench/make_corpus.sh "$corpus" 60
echo "corpus: $corpus ($(du -m "$corpus" | cut -f1) MB on disk)"
taskset -c 0 "$bin_dir/bench" "$corpus" --write
