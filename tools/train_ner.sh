#!/bin/sh
# train_ner.sh -- train models/ner.model from the redistributable NER sets.
#   tools/train_ner.sh [annals binary] [extra 'annals train ner' options]
# DATA (default ../shared/data/ner) and UD (default ../shared/data/ud) name the
# data directories.  The UNER EWT test split is never read here.
# Left out on purpose (the cross-validated F1 of tools/cv_ner.sh drops when
# they are added; BENCHMARKS.md, "Named entities"): the GUM-derived silver
# spans of the permissive genres (63.1 vs 65.6 F1; PERSON spans alone 61.8
# vs 66.1), and re3d (61.7 vs 65.6), whose Person/Organisation
# spans include pronouns, titles and descriptions, also with those spans
# trimmed to their capitalised names (67.2 vs 68.1).  Measured again with
# the structured perceptron: GUM 71.6 vs 73.3 (PERSON and ORG spans alone
# 69.5); trimmed re3d 73.6 vs 73.3 with seed 1 but 72.3 vs 72.6 with seed
# 2.  Both readers stay: --set gum:F, --set re3d:DIR.  Silver labels on the
# sentences of UD EWT train (tools/silver_ner.sh; self-training, filtered by
# the gold syntax, by agreement of two seeds or by the Viterbi margin) did
# not raise it beyond the seed noise either (73.1 vs 73.3 and 71.7 vs 72.6
# filtered by syntax and agreement).  data/ner/first-names.tsv is rebuilt by
# tools/build_first_names.sh.
# Towns and cities of 15,000 people or more come from models/geo.model
# (GeoNames); data/ner/aliases.tsv links other names of institutions.
# The word clusters of models/clusters.model are copied into the model (their
# bit-string prefixes are features).  12 epochs of the structured perceptron:
# 8 and 16 scored lower by the cross-validation, within its seed noise
# (BENCHMARKS.md).
# POS=1 adds part-of-speech features from models/tagger.model and DOC=1 the
# document-aware second pass: neither raised the cross-validated F1 on UNER
# dev enough to pay for its cost (BENCHMARKS.md, "Named entities").
set -eu
bin=${1:-build/annals}
[ $# -gt 0 ] && shift
DATA=${DATA:-../shared/data/ner}
UD=${UD:-../shared/data/ud}
OUT=${OUT:-models/ner.model}
mkdir -p "$(dirname "$OUT")"
lex=""
opt=""
[ "${POS:-0}" = 1 ] && opt="$opt --tagger models/tagger.model"
[ "${DOC:-0}" = 1 ] && opt="$opt --doc-features 1"
# Word classes come from EWT train only: GUM as a whole includes genres
# whose licence does not allow redistribution in a shipped model.
for f in "$UD"/EWT/en_ewt-ud-train.conllu; do
    [ -f "$f" ] && lex="$lex --lexicon $f"
done
# shellcheck disable=SC2086
exec "$bin" train ner \
    --set uner:"$DATA"/uner-ewt/en_ewt-ud-dev.iob2'*'${UNER_REPEAT:-2} \
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
    $lex $opt \
    --licence "CC BY-SA 4.0 (UNER EWT, UD EWT); CC BY 4.0 (WikiGold, WNUT17, BTC, GeoNames); iso-codes LGPL-2.1+; first names ODC PDDL 1.0 / CC0 1.0; word clusters: see models/README.md" \
    --epochs "${EPOCHS:-12}" --seed "${SEED:-1}" -o "$OUT" "$@"
