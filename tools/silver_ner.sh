#!/bin/sh
# silver_ner.sh -- silver entity labels for the sentences of a UD treebank
# (in-domain text with gold words but no entities), for self-training.
#   tools/silver_ner.sh BIN MODEL TREEBANK.conllu [CHECK.model] > silver.iob2
# MODEL (an 'annals train ner' model) tags the treebank's syntactic words
# as 'annals eval ner' tags gold words; the output is WORD<TAB>TAG lines
# (IOB2; NORP kept), one blank line after each sentence.  FILTER=ud keeps
# only the sentences whose every PER, ORG and LOC span agrees with the gold
# syntax: it begins and ends on a proper noun (UPOS PROPN, XPOS NNP/NNPS)
# and takes in whole groups of proper nouns joined by flat or compound (so
# "Bank of America" agrees, "Microsoft" cut out of "Microsoft Windows" does
# not).  With CHECK.model, only the sentences that it tags exactly as MODEL
# does are kept.  FILTER=all (the default) keeps every sentence.
# Neither way raised the cross-validated F1 on UNER EWT dev (BENCHMARKS.md,
# "Named entities", fourth round); tools/cv_ner.sh measures them (SILVER=).
set -eu
bin=$1
model=$2
tb=$3
check=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the syntactic words (integer IDs; no multiword ranges or empty nodes),
# documents kept, every tag O
awk -F'\t' '
    /^# newdoc/ { print; next }
    /^#/ { next }
    /^$/ { print; next }
    $1 ~ /^[0-9]+$/ { print $1 "\t" $2 "\tO" }' "$tb" >"$tmp/words.iob2"
"$bin" eval ner --gold "$tmp/words.iob2" -m "$model" --output "$tmp/a.iob2" >/dev/null
if [ -n "$check" ]; then
    "$bin" eval ner --gold "$tmp/words.iob2" -m "$check" --output "$tmp/b.iob2" >/dev/null
else
    : >"$tmp/b.iob2"
fi
awk -F'\t' -v FILTER="${FILTER:-all}" -v CHECK="$check" '
function find(x) { while (par[x] != x) x = par[x]; return x }
FILENAME == ARGV[1] {
    if ($0 ~ /^#/ || ($0 != "" && $1 !~ /^[0-9]+$/))
        next
    if ($0 == "") { ns++; next }
    k = ns SUBSEP $1
    prop[k] = $4 == "PROPN" || $5 == "NNP" || $5 == "NNPS"
    head[k] = $7
    rel[k] = $8
    next
}
FILENAME == ARGV[2] { if ($0 == "") cs++; else other[cs] = other[cs] " " $2; next }
$0 == "" { flush(); next }
{ n++; form[n] = $1; tag[n] = $2 }
function agrees(   i, j, b, e, ty, r, h, t) {
    for (i = 1; i <= n; i++)
        par[i] = i
    for (i = 1; i <= n; i++) {
        t = si SUBSEP i
        h = head[t]
        r = rel[t]
        sub(/:.*/, "", r)
        if (prop[t] && (r == "flat" || r == "compound") && h > 0 && prop[si SUBSEP h])
            par[find(i)] = find(h)
    }
    for (i = 1; i <= n; i++) {
        if (tag[i] !~ /^B-/)
            continue
        ty = substr(tag[i], 3)
        for (e = i; e < n && tag[e + 1] == "I-" ty; e++)
            ;
        if (ty != "NORP") {
            if (!prop[si SUBSEP i] || !prop[si SUBSEP e])
                return 0
            for (j = 1; j <= n; j++)
                if ((j < i || j > e) && prop[si SUBSEP j])
                    for (b = i; b <= e; b++)
                        if (prop[si SUBSEP b] && find(b) == find(j))
                            return 0
        }
        i = e
    }
    return 1
}
function flush(   i, t) {
    ok = FILTER != "ud" || agrees()
    if (ok && CHECK != "") {
        t = ""
        for (i = 1; i <= n; i++)
            t = t " " tag[i]
        ok = t == other[si]
    }
    if (ok) {
        for (i = 1; i <= n; i++)
            print form[i] "\t" tag[i]
        print ""
    }
    si++
    n = 0
}
END { if (n) flush() }' "$tb" "$tmp/b.iob2" "$tmp/a.iob2"
