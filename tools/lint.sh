#!/usr/bin/env bash
# lint.sh -- refuse banned calls in the library sources (curl checksrc idea).
#
#   tools/lint.sh [FILE...]      default: src/*.c src/*.h src/cli/*.c src/cli/*.h
#
# Everywhere in src/: sprintf vsprintf strcpy strcat strncpy strtok atoi gets
#   setlocale exit abort (unbounded, locale-dependent or process-ending).
# In the library (src/ but not src/cli/): printf fprintf puts fputs perror
#   (the library never prints), and malloc calloc realloc free outside
#   src/annals.c, the allocator choke point.
# Comments and string literals are ignored.  Prints file:line: message for
# every hit and exits 1 if there was any.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ $# -gt 0 ]]; then
    files=("$@")
else
    shopt -s nullglob
    files=(src/*.c src/*.h src/*/*.c src/*/*.h)
    shopt -u nullglob
fi

everywhere='sprintf|vsprintf|strcpy|strcat|strncpy|strtok|strtok_r|atoi|atol|gets|setlocale|exit|_Exit|abort'
library_io='printf|fprintf|vprintf|vfprintf|puts|fputs|putchar|perror'
allocator='malloc|calloc|realloc|free|strdup|strndup'

# Blank out comments and string/char literals, keeping line numbers, so that
# a banned name in a comment or a message is not a hit.
strip() {
    awk '
    BEGIN { inc = 0 }
    {
        out = ""; n = length($0); i = 1
        while (i <= n) {
            c = substr($0, i, 1); c2 = substr($0, i, 2)
            if (inc) {
                if (c2 == "*/") { inc = 0; i += 2 } else i++
                continue
            }
            if (c2 == "/*") { inc = 1; i += 2; continue }
            if (c2 == "//") break
            if (c == "\"" || c == "\047") {
                q = c; out = out " "; i++
                while (i <= n && substr($0, i, 1) != q) {
                    if (substr($0, i, 1) == "\\") i++
                    i++
                }
                i++; out = out " "; continue
            }
            out = out c; i++
        }
        print out
    }' "$1"
}

bad=0
report() {
    local file=$1 pattern=$2 why=$3 line lineno text name
    local re="(^|[^A-Za-z0-9_.>])($pattern)[[:space:]]*\\("
    while IFS= read -r line; do
        lineno=${line%%:*}
        text=${line#*:}
        while IFS= read -r name; do
            name=$(sed -E 's/^[^A-Za-z_]*//; s/[[:space:]]*\($//' <<<"$name")
            echo "$file:$lineno: $name: $why"
            bad=1
        done < <(grep -oE "$re" <<<"$text")
    done < <(strip "$file" | grep -nE "$re" || true)
}

for f in "${files[@]}"; do
    report "$f" "$everywhere" "banned call (unbounded, locale-dependent or ends the process)"
    case $f in
    src/cli/*) ;;
    *)
        report "$f" "$library_io" "the library never prints; return a status and a message"
        if [[ $f != src/annals.c ]]; then
            report "$f" "$allocator" "allocate through annals__malloc/annals__free (src/annals.c)"
        fi
        ;;
    esac
done

if [[ $bad -ne 0 ]]; then
    echo "lint: banned calls found" >&2
    exit 1
fi
echo "lint: ${#files[@]} files clean"
