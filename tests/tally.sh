# shellcheck shell=bash
# tally.sh -- sourced by the test runners: the record of what ran.
#
# Each build directory (build/, build-san/) holds a file test-tally with one
# line per suite:  SUITE PASSED FAILED SKIPPED
# A runner replaces its own suite's line, so running a suite again never
# counts it twice; `make test` deletes the tallies before it starts, and
# tests/summary.sh adds up whatever both builds recorded.

# build_dir BINARY -- the build directory a test binary belongs to: the
# parent of its directory (build/tests/test_x -> build,
# build-san/fuzz/fuzz_x -> build-san).
build_dir() {
    dirname "$(dirname "$1")"
}

# tally_file BINARY -- the tally of BINARY's build directory.
tally_file() {
    printf '%s/test-tally\n' "$(build_dir "$1")"
}

# tally_record FILE SUITE PASSED FAILED SKIPPED
tally_record() {
    local file=$1 suite=$2 tmp
    mkdir -p "$(dirname "$file")"
    tmp="$file.tmp.$$"
    if [[ -f $file ]]; then
        awk -v s="$suite" '$1 != s' "$file" >"$tmp"
    else
        : >"$tmp"
    fi
    printf '%s %d %d %d\n' "$suite" "$3" "$4" "$5" >>"$tmp"
    mv "$tmp" "$file"
}
