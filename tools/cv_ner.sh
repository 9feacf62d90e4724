#!/bin/sh
# cv_ner.sh -- cross-validated F1 of an NER training configuration on UNER
# English-EWT dev: its documents are cut into 5 folds (document index modulo
# 5); each fold is tagged by a model trained on the other four plus the
# other sets, and the counts of the 5 folds are summed.  The UNER test split
# is never read.
#   tools/cv_ner.sh [annals binary] [extra 'annals train ner' options]
# Uses the sets, gazetteers, places, word clusters and epochs of
# tools/train_ner.sh.  DATA and UD
# as there; TMP (default a new mktemp -d) keeps folds, models and output.
# SILVER=all or SILVER=ud measures self-training on the sentences of UD EWT
# train: each fold's model tags them (tools/silver_ner.sh, FILTER=$SILVER),
# and a second model, trained with those silver labels added
# (SILVER_REPEAT times per epoch, default 1), tags the held-out fold; with
# SILVER_CHECK_SEED=N a fold model of seed N must agree with the first.
# The labeller never sees the fold it is scored on.
set -eu
bin=${1:-build/annals}
[ $# -gt 0 ] && shift
DATA=${DATA:-../shared/data/ner}
UD=${UD:-../shared/data/ud}
tmp=${TMP:-$(mktemp -d)}
# train_fold MODEL SEED [options]: a model of the fold's training part
train_fold() {
    out=$1
    seed=$2
    shift 2
    "$bin" train ner \
        --set uner:"$tmp/tr$f.iob2*${UNER_REPEAT:-2}" \
        --set wikigold:"$DATA"/wikigold/wikigold.conll.txt \
        --set btc:"$DATA"/btc \
        --set wnut17:"$DATA"/wnut17/wnut17train.conll \
        --set wnut17:"$DATA"/wnut17/emerging.dev.conll \
        --set wnut17:"$DATA"/wnut17/emerging.test.annotated \
        --gazetteer data/ner/iso-places.tsv --gazetteer data/ner/places.tsv \
        --gazetteer data/ner/demonyms.tsv --gazetteer data/ner/given-names.tsv \
        --gazetteer data/ner/first-names.tsv \
        --gazetteer data/ner/organisations.tsv --gazetteer data/ner/titles.tsv \
        --gazetteer data/ner/location-keywords.tsv --gazetteer data/ner/aliases.tsv \
        --places models/geo.model --places-min 15000 \
        --clusters-model models/clusters.model \
        --lexicon "$UD"/EWT/en_ewt-ud-train.conllu \
        --epochs "${EPOCHS:-12}" --seed "$seed" -o "$out" "$@" \
        >"$out.log" 2>&1
}
for f in 0 1 2 3 4; do
    awk -v F=$f -v HO="$tmp/ho$f.iob2" -v TR="$tmp/tr$f.iob2" '
        BEGIN { d = -1 }
        /^# newdoc/ { d++ }
        { if (d % 5 == F) print > HO; else print > TR }' "$DATA/uner-ewt/en_ewt-ud-dev.iob2"
    train_fold "$tmp/m$f.model" "${SEED:-1}" "$@"
    if [ -n "${SILVER:-}" ]; then
        check=""
        if [ -n "${SILVER_CHECK_SEED:-}" ]; then
            train_fold "$tmp/c$f.model" "$SILVER_CHECK_SEED" "$@"
            check="$tmp/c$f.model"
        fi
        # shellcheck disable=SC2086
        FILTER=$SILVER tools/silver_ner.sh "$bin" "$tmp/m$f.model" \
            "$UD"/EWT/en_ewt-ud-train.conllu $check >"$tmp/silver$f.iob2"
        train_fold "$tmp/m$f.model" "${SEED:-1}" \
            --set auto:"$tmp/silver$f.iob2*${SILVER_REPEAT:-1}" "$@"
        rm -f "$tmp/c$f.model"
    fi
    "$bin" eval ner --gold "$tmp/ho$f.iob2" -m "$tmp/m$f.model" >"$tmp/eval$f.txt"
    rm -f "$tmp/m$f.model"
done
cat "$tmp"/eval?.txt | awk '
    $1 == "PER" || $1 == "ORG" || $1 == "LOC" {
        g[$1] += $5; s[$1] += $6; c[$1] += $7; G += $5; S += $6; C += $7
    }
    function f1(c, s, g) { return c ? 200 * (c / s) * (c / g) / (c / s + c / g) : 0 }
    END {
        printf "PER %.2f ORG %.2f LOC %.2f | P %.2f R %.2f F1 %.2f (%d gold)\n",
            f1(c["PER"], s["PER"], g["PER"]), f1(c["ORG"], s["ORG"], g["ORG"]),
            f1(c["LOC"], s["LOC"], g["LOC"]), 100 * C / S, 100 * C / G, f1(C, S, G), G
    }'
