#!/usr/bin/env bash
# run_fuzz_replay.sh -- replay each fuzz target over its corpus.
#
#   tests/run_fuzz_replay.sh build/fuzz/fuzz_tokenize build/fuzz/fuzz_conllu ...
#
# build/fuzz/fuzz_X replays fuzz/corpus/X/ (fuzz/fuzz_main.c).  The whole
# corpus runs in one process first; if that fails, each input is replayed
# alone to name the ones that fail.  Every input counts as one test; a target
# without a corpus counts as skipped.  Records the counts in the tally of the
# binaries' build directory and exits 1 if any input failed.
#   FUZZ_TIMEOUT   seconds per process (default 300)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=tests/tally.sh
. "$here/tally.sh"

timeout_s=${FUZZ_TIMEOUT:-300}
if [[ $# -eq 0 ]]; then
    echo "run_fuzz_replay.sh: no fuzz binaries given" >&2
    exit 2
fi

pass=0 fail=0 skip=0
tally=$(tally_file "$1")
logdir="$(build_dir "$1")/test-logs"
mkdir -p "$logdir"

for bin in "$@"; do
    name=$(basename "$bin")
    target=${name#fuzz_}
    corpus="$root/fuzz/corpus/$target"
    log="$logdir/$name.log"
    shopt -s nullglob
    inputs=("$corpus"/*)
    shopt -u nullglob
    if [[ ${#inputs[@]} -eq 0 ]]; then
        echo "skip $bin: no corpus in fuzz/corpus/$target/"
        skip=$((skip + 1))
        continue
    fi
    if timeout -k 5 "$timeout_s" "$bin" "$corpus" >"$log" 2>&1 </dev/null; then
        echo "ok   $bin: ${#inputs[@]} inputs"
        pass=$((pass + ${#inputs[@]}))
        continue
    fi
    echo "FAIL $bin: the corpus replay failed; replaying each input alone"
    sed 's/^/      /' "$log" | tail -n 20
    before=$fail
    for f in "${inputs[@]}"; do
        if timeout -k 5 "$timeout_s" "$bin" "$f" >"$log.one" 2>&1 </dev/null; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "  FAIL ${f#"$root"/}"
            sed 's/^/      /' "$log.one" | head -n 40
        fi
    done
    rm -f "$log.one"
    if [[ $fail -eq $before ]]; then
        echo "  FAIL fuzz/corpus/$target/: fails only when replayed together"
        fail=$((fail + 1))
        pass=$((pass - ${#inputs[@]}))
    fi
done

tally_record "$tally" fuzz-replay "$pass" "$fail" "$skip"
echo "fuzz-replay ($tally): $pass passed, $fail failed, $skip skipped"
[[ $fail -eq 0 ]]
