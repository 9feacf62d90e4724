#!/usr/bin/env bash
# run_bad.sh -- the bad-input corpus: every record read gives exactly one
# output record, a bad one an error naming file, line and reason, and the
# records around it still come out.
#
#   tests/run_bad.sh build/annals
#
# Small cases live in tests/bad/; large and compressed ones are made here in
# a temporary directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/tally.sh
. "$here/tally.sh"
annals=$1
tally="$(dirname "$annals")/test-tally"
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
B=tests/bad

# expect NAME STATUS NLINES ARGS... -- [N:SUBSTRING]...
# Runs `annals code ARGS`, then checks the exit status, the number of output
# lines, and that output line N contains SUBSTRING.
expect() {
    local name=$1 want_status=$2 want_lines=$3 status=0 lines ok=1 check n sub line
    shift 3
    local args=()
    while [[ $1 != -- ]]; do args+=("$1"); shift; done
    shift
    timeout 120 "$annals" code "${args[@]}" >"$tmp/out" 2>"$tmp/err" </dev/null || status=$?
    lines=$(wc -l <"$tmp/out")
    if [[ $status -ne $want_status ]]; then
        echo "FAIL bad/$name: exit status $status, expected $want_status"; ok=0
    fi
    if [[ $lines -ne $want_lines ]]; then
        echo "FAIL bad/$name: $lines output records, expected $want_lines"; ok=0
    fi
    for check in "$@"; do
        n=${check%%:*} sub=${check#*:}
        line=$(sed -n "${n}p" "$tmp/out")
        if [[ $line != *"$sub"* ]]; then
            echo "FAIL bad/$name: record $n lacks '$sub': ${line:0:300}"; ok=0
        fi
    done
    if [[ $ok -eq 1 ]]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

expect invalid-utf8 1 1 $B/invalid-utf8.txt -- \
    '1:"status":"invalid UTF-8"' '1:"file":"tests/bad/invalid-utf8.txt","line":1,"offset":16' \
    '1:invalid UTF-8 at byte 16'
expect invalid-utf8-replace 0 1 --utf8 replace $B/invalid-utf8.txt -- \
    '1:["ended",10,15]' '1:["early",19,24]'
expect nul-byte 1 1 $B/nul-byte.txt -- '1:NUL byte at byte 13'
expect crlf 0 1 $B/crlf.txt -- '1:["Line",0,4]' '1:["A",51,52]'
expect bom 0 1 $B/bom.txt -- '1:["The",3,6]'
expect empty-file 1 1 $B/empty.txt -- '1:empty document'
expect blank-file 0 1 $B/blank.txt -- '1:"sentences":[]'
expect wrong-types 1 8 $B/wrong-types.jsonl -- \
    '1:"line":1' '1:field \"text\" is not a string' '2:field \"text\" is not a string' \
    '3:field \"title\" is not a string' '4:field \"date\": date is neither' \
    '5:"id":"t5"' '5:"sentences":[{' '6:"id":"6"' '7:a record must be a JSON object' \
    '8:"line":8'
expect missing-fields 1 3 $B/missing-fields.jsonl -- \
    '1:missing field \"text\"' '2:missing field \"text\"' '3:"id":"m3"'
expect truncated-json 1 5 $B/truncated.jsonl -- \
    '1:"id":"j1"' '2:"line":2' '2:unterminated string' '3:"id":"j3"' \
    '4:bad escape' '5:text after the end of the object'
expect invalid-utf8-jsonl 1 2 $B/invalid-utf8.jsonl -- '1:"line":1' '1:invalid UTF-8' '2:"id":"u2"'
expect missing-file 1 2 $B/no-such-file.txt $B/bom.txt -- \
    '1:No such file or directory' '2:["The",3,6]'
expect broken-conllu 1 6 --no-models --input conllu $B/broken.conllu -- \
    '1:"id":"c1"' '1:["fell",5,9]' '2:"line":7' '2:not a CoNLL-U line' '3:"id":"c3"' \
    '3:["Trains",0,6]' '4:"line":16' '4:empty FORM' '5:"id":"c5"' \
    '5:document without words' '6:["Tides",0,5]'
expect long-sentence 1 1 --max-sentence-tokens 5 $B/crlf.txt -- \
    '1:sentence of 6 tokens exceeds the limit of 5'

# Deep nesting, a document over the limit, and a 50 MB single line.
{ printf '{"id":"deep","x":'; for _ in $(seq 100); do printf '['; done
  for _ in $(seq 100); do printf ']'; done; printf ',"text":"a"}\n'
  printf '{"id":"after","text":"Still read."}\n'; } >"$tmp/deep.jsonl"
expect deep-nesting 1 2 "$tmp/deep.jsonl" -- '1:nesting deeper than 64 levels' '2:"id":"after"'
{ printf '{"id":"long","text":"'; head -c 5000 /dev/zero | tr '\0' 'a'; printf '"}\n'
  printf '{"id":"short","text":"Fits."}\n'; } >"$tmp/huge-string.jsonl"
expect huge-string 1 2 --max-doc-bytes 1000 "$tmp/huge-string.jsonl" -- \
    '1:document of 5000 bytes exceeds the limit of 1000' '2:"id":"short"'
{ printf '{"id":"big","text":"'; head -c 52428800 /dev/zero | tr '\0' 'b'; printf '"}\n'
  printf '{"id":"next","text":"The record after the big one."}\n'; } >"$tmp/big-line.jsonl"
expect big-line 1 2 "$tmp/big-line.jsonl" -- \
    '1:"line":1' '1:exceeds the record limit' '2:"id":"next"' '2:"line":2'
head -c 52428800 /dev/zero | tr '\0' 'c' >"$tmp/big-line.txt"
expect big-text 1 1 "$tmp/big-line.txt" -- '1:document of 52428800 bytes exceeds the limit'

# gzip: recognised by content whatever the name; a cut stream is reported.
gzip -c examples/wire.jsonl >"$tmp/wire.data"
expect gzip-jsonl 0 3 "$tmp/wire.data" -- '1:"id":"wire-001"' '3:"id":"wire-003"'
gzip -c $B/crlf.txt >"$tmp/article.gz"
expect gzip-text 0 1 "$tmp/article.gz" -- '1:["Line",0,4]'
size=$(stat -c %s "$tmp/wire.data")
head -c $((size - 8)) "$tmp/wire.data" >"$tmp/cut.jsonl.gz"
expect truncated-gzip 1 4 "$tmp/cut.jsonl.gz" -- \
    '1:"id":"wire-001"' '3:"id":"wire-003"' '4:"line":4' '4:compressed input is truncated'
head -c $((size / 2)) "$tmp/wire.data" >"$tmp/half.gz"
expect truncated-gzip-midrecord 1 1 "$tmp/half.gz" -- \
    '1:compressed input is truncated (last line incomplete)'

# A beam option out of range is a usage error naming the option.
for arg in "--beam 0" "--beam 17" "--beam 2.5" "--beam x" "--beam-temperature 0" \
    "--beam-drop -1"; do
    status=0
    # shellcheck disable=SC2086
    "$annals" code $arg $B/bom.txt >"$tmp/out" 2>"$tmp/err" || status=$?
    if [[ $status -eq 2 && ! -s $tmp/out ]] && grep -q -- "${arg%% *}" "$tmp/err"; then
        pass=$((pass + 1))
    else
        echo "FAIL bad/beam-option '$arg': status $status, $(head -c 200 "$tmp/err")"
        fail=$((fail + 1))
    fi
done

# An unknown template to leave out stops training before any data is read.
status=0
"$annals" train parser --train "$tmp/none.conllu" --without-templates s0w,no.such -o "$tmp/p.model" \
    >"$tmp/out" 2>"$tmp/err" || status=$?
if [[ $status -eq 2 && ! -e $tmp/p.model ]] && grep -q '"no.such"' "$tmp/err"; then
    pass=$((pass + 1))
else
    echo "FAIL bad/without-templates: status $status, $(head -c 200 "$tmp/err")"
    fail=$((fail + 1))
fi

# Standard input, and a directory read in sorted order.
if "$annals" code <$B/bom.txt | grep -q '"file":"-"'; then pass=$((pass + 1)); else
    echo "FAIL bad/stdin: no record from standard input"; fail=$((fail + 1)); fi

# The output does not depend on the number of threads, even across batches.
for _ in 1 2 3; do cat examples/wire.jsonl $B/wrong-types.jsonl; done >"$tmp/mixed.jsonl"
for _ in $(seq 30); do cat "$tmp/mixed.jsonl"; done >"$tmp/many.jsonl"
"$annals" code --threads 1 "$tmp/many.jsonl" >"$tmp/t1" 2>/dev/null || true
"$annals" code --threads 4 "$tmp/many.jsonl" >"$tmp/t4" 2>/dev/null || true
if [[ $(wc -l <"$tmp/t1") -eq 990 ]] && cmp -s "$tmp/t1" "$tmp/t4"; then pass=$((pass + 1)); else
    echo "FAIL bad/threads: output differs between 1 and 4 threads, or records were lost"
    fail=$((fail + 1)); fi

tally_record "$tally" bad "$pass" "$fail" 0
echo "bad-input: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
