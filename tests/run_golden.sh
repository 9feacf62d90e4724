#!/usr/bin/env bash
# run_golden.sh -- whole-document golden tests.
#
#   tests/run_golden.sh build/annals
#
# Each case tests/golden/NAME.cmd holds the arguments of `annals code` (paths
# relative to the repository root); tests/golden/NAME.out is the exact
# expected output and NAME.status, when present, the expected exit status
# (default 0).  UPDATE=1 rewrites the .out files instead: review their diff
# like code.  The seed article is checked in place (never copied: its text
# is not ours) when ../shared/examples/seed exists, and skipped otherwise.
#
#   SEED_MODELS=DIR tests/run_golden.sh build/annals
#
# runs only the seed article's checks, with the models of DIR (a trial
# parser, say): the golden outputs belong to the shipped models.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/tally.sh
. "$here/tally.sh"
annals=$1
tally="$(dirname "$annals")/test-tally"
pass=0 fail=0 skip=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

seed_models=${SEED_MODELS:-}
golden_cases=(tests/golden/*.cmd)
[[ -n $seed_models ]] && golden_cases=()
for cmd in "${golden_cases[@]}"; do
    name=${cmd%.cmd}
    want_status=0
    [[ -f $name.status ]] && want_status=$(cat "$name.status")
    status=0
    # shellcheck disable=SC2046
    timeout 60 "$annals" code $(cat "$cmd") >"$tmp" 2>/dev/null || status=$?
    if [[ ${UPDATE:-0} = 1 ]]; then
        cp "$tmp" "$name.out"
        [[ $status -ne 0 ]] && echo "$status" >"$name.status"
        echo "updated $name.out"
        continue
    fi
    if [[ $status -ne $want_status ]]; then
        echo "FAIL golden $(basename "$name"): exit status $status, expected $want_status"
        fail=$((fail + 1))
    elif ! diff -u "$name.out" "$tmp" >"$tmp.diff"; then
        echo "FAIL golden $(basename "$name"): output differs"
        head -n 40 "$tmp.diff"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
    rm -f "$tmp.diff"
done

# The seed article: layout facts from its hand annotation, checked without
# storing any of its text.
seed=../shared/examples/seed/article.txt
if [[ -f $seed ]]; then
    models_arg=()
    [[ -n $seed_models ]] && models_arg=(--models "$seed_models")
    out=$("$annals" code "${models_arg[@]}" "$seed")
    roles=$(grep -o '"role":"[a-z]*"' <<<"$out" | cut -d'"' -f4 | uniq | tr '\n' ' ')
    check() {
        if eval "$2"; then pass=$((pass + 1)); else
            echo "FAIL seed: $1 (roles: $roles)"; fail=$((fail + 1)); fi
    }
    check "first line is a caption" '[[ $roles == "caption dateline body"* ]]'
    check "dateline place is WASHINGTON" 'grep -q "\"place\":\"WASHINGTON\"" <<<"$out"'
    check "the sub-heading is a heading" '[[ $roles == *"body headline body"* ]]'
    check "exactly one caption" '[[ $(grep -o "\"role\":\"caption\"" <<<"$out" | wc -l) -eq 1 ]]'

    # Events of the hand annotation (EXPECTED.md), one line each as
    # "CODE SOURCE TARGET SENTENCE" ("-" for no actor; the sentence of the
    # event's first mention, counted from 0 with the caption); codes and actors
    # the annotation accepts as alternatives are alternatives here.
    events=$("$annals" code "${models_arg[@]}" --format events "$seed" | sed -E \
        -e 's/^[^{]*\{.*"event":[0-9]+,"code":"([0-9]+)"/\1 /' \
        -e 's/,"mentions":.*//' \
        -e 's/"code":null/"code":"-"/g; s/"source":null/"source":{"code":"-"}/; s/"target":null/"target":{"code":"-"}/' \
        -e 's/^([0-9]+) .*"source":\{[^{}]*"code":"([A-Z-]*)".*"target":\{[^{}]*"code":"([A-Z-]*)".*"sentence":([0-9]+).*/\1 \2 \3 \4/')
    has() { grep -Eq "^($1) ($2) ($3) ($4)$" <<<"$events"; }
    check "event 1: telephone call USAMIL -> PAKMIL (041, 040)" 'has "041|040" "USAMIL|USAGOV" "PAKMIL" 2'
    check "event 2: the Taliban take control (192, 190)" 'has "192|190" "AFGINS|AFGREB" "AFG" 3'
    check "event 3: intent to cooperate (030)" 'has "030" "USAMIL|USAGOV" "PAK" 4'
    # event 4 restates event 1 in general terms: a mention of it or its own
    check "event 4: discussed USAMIL -> PAKMIL (040, or a mention of 041)" 'has "040|041" "USAMIL|USAGOV" "PAKMIL" "5|2"'
    check "event 5: dialogue USA -> PAK (040, 046)" 'has "040|046" "USA|USAMIL|USAGOV" "PAK" 7'
    check "event 6: appeal to Afghanistan's neighbours (02x)" 'has "02[0-9]*" "USAMIL|USAGOV" "-" 8'
    check "event 7: intent of military aid -> AFGMIL (0332, 033)" 'has "0332|033" "USA|USAMIL|USAGOV" "AFGMIL" 12'
    check "event 8: intent of support -> AFGGOV (033, 030)" 'has "033|030" "USA|USAMIL|USAGOV" "AFGGOV" 12'
    check "no event from the caption" '! grep -q " 0$" <<<"$events"'
    check "no attack or coercion from the negated clause" '[[ $(grep -Ec "^1[5-9]|^20" <<<"$events") -eq 1 ]]'
else
    echo "skip seed checks: $seed not found"
    skip=$((skip + 14))
fi

[[ ${UPDATE:-0} = 1 ]] && exit 0
# a trial of other models is no run of the suite
[[ -z $seed_models ]] && tally_record "$tally" golden "$pass" "$fail" "$skip"
echo "golden: $pass passed, $fail failed, $skip skipped"
[[ $fail -eq 0 ]]
