#!/bin/sh
# cluster_corpus.sh -- the plain text that `annals train clusters` reads: one
# sentence a line, words separated by spaces, from the training data whose
# licences allow redistribution of what is derived from them:
#   UD English-EWT train and the GUM train documents of the permissive
#   genres (word forms of CoNLL-U), WikiGold, BTC, WNUT17 train and re3d
#   (tokens of the NER files; re3d without its non-commercial BBC part),
#   and the WordNet 3.0 glosses and their examples, tokenised by annals.
# usage: tools/cluster_corpus.sh DATA WORDNET ANNALS > corpus.txt
#   DATA: the data folder (ud/ and ner/ inside), WORDNET: the folder of
#   WordNet's data.noun, data.verb, data.adj and data.adv (Debian package
#   wordnet-base: /usr/share/wordnet), ANNALS: the annals binary.
set -eu
data=$1
wordnet=$2
annals=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
here=$(dirname "$0")

# Word forms of CoNLL-U sentences (multiword tokens and empty nodes left out).
conllu_forms() {
    awk -F '\t' '
    /^#/ { next }
    /^$/ { if (n) print line; line = ""; n = 0; next }
    $1 ~ /^[0-9]+$/ { line = n ? line " " $2 : $2; n++ }
    END { if (n) print line }'
}

# First field of token-per-line NER files; blank and -DOCSTART- lines end sentences.
ner_tokens() {
    awk '
    /^-DOCSTART-/ || NF == 0 { if (n) print line; line = ""; n = 0; next }
    { line = n ? line " " $1 : $1; n++ }
    END { if (n) print line }' "$@"
}

conllu_forms < "$data/ud/EWT/en_ewt-ud-train.conllu"
"$here/gum_permissive.sh" "$data/ud/GUM/en_gum-ud-train.conllu" | conllu_forms
ner_tokens "$data/ner/wikigold/wikigold.conll.txt"
ner_tokens "$data/ner/btc/"*.conll
ner_tokens "$data/ner/wnut17/wnut17train.conll"
find "$data/ner/re3d/conll" -name '*.conll' ! -path '*BBC*' | LC_ALL=C sort |
    while read -r f; do ner_tokens "$f"; done
# Glosses: the text after " | " of each synset line, cut at "; " into the
# definition and its quoted examples, each one JSON Lines record.
for pos in noun verb adj adv; do
    awk '/^  / { next } { sub(/^[^|]*\| /, ""); sub(/ +$/, ""); print }' "$wordnet/data.$pos"
done | awk '{
    n = split($0, part, "; ")
    for (i = 1; i <= n; i++) {
        s = part[i]
        gsub(/^"|"$/, "", s)
        gsub(/\\/, "\\\\", s)
        gsub(/"/, "\\\"", s)
        gsub(/\t/, " ", s)
        if (s != "") printf "{\"text\":\"%s\"}\n", s
    }
}' | (cd "${TMPDIR:-/tmp}" && unset ANNALS_MODELS &&
        "$annals" code --input jsonl --stages none --format conllu 2>/dev/null) |
    conllu_forms
