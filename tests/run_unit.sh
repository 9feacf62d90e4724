#!/usr/bin/env bash
# run_unit.sh -- run cmocka unit-test binaries, each in its own process with a
# time limit, so that one crash or hang cannot hide the results of the rest.
#
#   tests/run_unit.sh build/tests/test_arena build/tests/test_buf ...
#
# Counts single test cases (from cmocka's TAP output); a binary that crashes,
# times out or exits non-zero without naming a failed case counts as one more
# failure.  Appends the counts to the tally of the binaries' build directory
# (see tests/tally.sh).  Exits 1 if anything failed.
#   UNIT_TIMEOUT   seconds per binary (default 120)
#   VERBOSE=1      print every binary's output, not only a failing one's
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/tally.sh
. "$here/tally.sh"

timeout_s=${UNIT_TIMEOUT:-120}
if [[ $# -eq 0 ]]; then
    echo "run_unit.sh: no test binaries given" >&2
    exit 2
fi

pass=0 fail=0 skip=0
tally=$(tally_file "$1")
logdir="$(build_dir "$1")/test-logs"
mkdir -p "$logdir"

for bin in "$@"; do
    name=$(basename "$bin")
    log="$logdir/$name.log"
    rc=0
    CMOCKA_MESSAGE_OUTPUT=TAP timeout -k 5 "$timeout_s" "$bin" >"$log" 2>&1 </dev/null || rc=$?
    p=$(grep -c '^ok ' "$log" || true)
    s=$(grep -cE '^not ok [0-9]+ # SKIP' "$log" || true)
    f=$(grep -E '^not ok ' "$log" | grep -cvE '^not ok [0-9]+ # SKIP' || true)
    why=""
    if [[ $rc -ne 0 && $f -eq 0 ]]; then
        if [[ $rc -eq 124 || $rc -eq 137 ]]; then
            why="timed out after ${timeout_s}s"
        else
            why="exited with status $rc"
        fi
        f=1
    fi
    pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
    if [[ $f -gt 0 ]]; then
        echo "FAIL $bin: $p passed, $f failed${why:+ ($why)}"
        sed 's/^/    /' "$log"
    else
        msg="$p passed"
        if [[ $s -gt 0 ]]; then msg+=", $s skipped"; fi
        echo "ok   $bin: $msg"
        if [[ ${VERBOSE:-0} == 1 ]]; then sed 's/^/    /' "$log"; fi
    fi
done

tally_record "$tally" unit "$pass" "$fail" "$skip"
echo "unit ($tally): $pass passed, $fail failed, $skip skipped"
[[ $fail -eq 0 ]]
