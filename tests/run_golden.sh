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
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/tally.sh
. "$here/tally.sh"
annals=$1
tally="$(dirname "$annals")/test-tally"
pass=0 fail=0 skip=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

for cmd in tests/golden/*.cmd; do
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
    out=$("$annals" code "$seed")
    roles=$(grep -o '"role":"[a-z]*"' <<<"$out" | cut -d'"' -f4 | uniq | tr '\n' ' ')
    check() {
        if eval "$2"; then pass=$((pass + 1)); else
            echo "FAIL seed: $1 (roles: $roles)"; fail=$((fail + 1)); fi
    }
    check "first line is a caption" '[[ $roles == "caption dateline body"* ]]'
    check "dateline place is WASHINGTON" 'grep -q "\"place\":\"WASHINGTON\"" <<<"$out"'
    check "the sub-heading is a heading" '[[ $roles == *"body headline body"* ]]'
    check "exactly one caption" '[[ $(grep -o "\"role\":\"caption\"" <<<"$out" | wc -l) -eq 1 ]]'
else
    echo "skip seed checks: $seed not found"
    skip=$((skip + 4))
fi

[[ ${UPDATE:-0} = 1 ]] && exit 0
tally_record "$tally" golden "$pass" "$fail" "$skip"
echo "golden: $pass passed, $fail failed, $skip skipped"
[[ $fail -eq 0 ]]
