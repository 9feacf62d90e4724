#!/bin/sh
# syntax.sh -- speed, peak memory and load time of the syntax stage.
# usage: bench/syntax.sh ANNALS_BINARY GOLD.conllu [MODEL_DIR [PARSE_OPTIONS...]]
# Tags, lemmatises and parses the gold words of GOLD.conllu on one thread
# (annals eval parse --gold-tokens) and prints words/s of those three steps,
# then the time to start and exit on an empty file, which loads the three
# syntax models of MODEL_DIR (a pipeline reads only the models of the stages
# it runs), and the peak resident memory.  PARSE_OPTIONS (--beam 2, say)
# go to every run.
set -eu
bin=$1
gold=$2
models=${3:-models}
shift $(($# < 3 ? $# : 3))
out=$("$bin" eval parse --gold "$gold" --gold-tokens -m "$models" "$@")
echo "$out" | grep -E '^(words|speed):'
empty=$(mktemp)
trap 'rm -f "$empty"' EXIT
start=$(date +%s%N)
"$bin" eval parse --gold "$empty" --gold-tokens -m "$models" > /dev/null
end=$(date +%s%N)
echo "load:      $(( (end - start) / 1000000 )) ms (the three syntax models of $models, process start to exit)"
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "peak RSS:  %M KiB" "$bin" eval parse --gold "$gold" --gold-tokens \
        -m "$models" "$@" > /dev/null
fi
