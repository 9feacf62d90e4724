#!/usr/bin/env bash
# summary.sh -- add up the tallies that the runners recorded in build/ and
# build-san/ (see tests/tally.sh) and print the closing line
#   N passed, N failed[, N skipped]
# Exits 1 if anything failed or if no suite recorded anything.
set -euo pipefail

pass=0 fail=0 skip=0 found=0
for t in build/test-tally build-san/test-tally; do
    [[ -f $t ]] || continue
    while read -r suite p f s; do
        [[ -n $suite ]] || continue
        printf '  %-12s %-10s %5d passed, %d failed, %d skipped\n' \
            "$suite" "${t%%/*}" "$p" "$f" "$s"
        pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
        found=1
    done <"$t"
done
if [[ $found -eq 0 ]]; then
    echo "summary.sh: no test results recorded in build/ or build-san/" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
if [[ $skip -gt 0 ]]; then
    echo "$pass passed, $fail failed, $skip skipped"
else
    echo "$pass passed, $fail failed"
fi
[[ $fail -eq 0 ]]
