#!/usr/bin/env bash
# run.sh ANNALS -- the benchmark: make (once) a 60 MB corpus, then time the
# text stage on all of it and the whole pipeline on its first articles, with
# bench/bench, on one core.
set -euo pipefail
bin_dir=$(dirname "$1")
corpus=bench/corpus/news.jsonl
[[ -f $corpus ]] || bench/make_corpus.sh "$corpus" 60
echo "corpus: $corpus ($(du -m "$corpus" | cut -f1) MB on disk)"
echo "== text stage (reading, checking, tokenising, splitting) and JSON writing"
taskset -c 0 "$bin_dir/bench" "$corpus" --write --text-only
echo "== whole pipeline with the models in models/ (first 5000 articles)"
taskset -c 0 "$bin_dir/bench" "$corpus" --models models --limit 5000
