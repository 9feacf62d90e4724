#!/usr/bin/env bash
# eval.sh ANNALS -- accuracy of every stage that has an evaluation, on the
# sets in ../shared/data (read in place) and on the project's own
# development sets.  An evaluation whose data is absent is skipped, with a
# note.  Held-out test figures belong in BENCHMARKS.md once, not in tuning.
set -euo pipefail
annals=$1
data=${ANNALS_DATA:-../shared/data}

run() {     # run TITLE FILE COMMAND...
    local title=$1 file=$2
    shift 2
    if [[ -f $file ]]; then
        echo "== $title: annals ${*:2}"
        "$@"
    else
        echo "skip $title: $file not found"
    fi
}

for set in ud/EWT/en_ewt-ud-dev ud/EWT/en_ewt-ud-test ud/GUM/en_gum-ud-test; do
    gold=$data/$set.conllu
    run "text stage, $set" "$gold" "$annals" eval tokenize --gold "$gold"
    run "syntax, gold tokens, $set" "$gold" "$annals" eval parse --gold "$gold" --gold-tokens -m models
done
# Rare past-tense verbs of conflict and diplomacy after their subjects
# (40 verbs in six frames, written for the project): how many the tagger
# reads as VBD, the tag event coding needs (docs/SYNTAX.md#wordnet-classes).
past=tests/eval/past-tense-verbs.txt
if [[ -f $past ]]; then
    echo "== tagger, rare past-tense verbs: annals code --format conllu < $past"
    "$annals" code --format conllu <"$past" 2>/dev/null |
        awk -F '\t' 'NF > 5 && $2 ~ /ed$/ && $2 != "Armed" && $2 != "arrested" {
            n++; if ($5 == "VBD") ok++ } END { printf "VBD %d of %d\n", ok, n }'
fi
uner=$data/ner/uner-ewt/en_ewt-ud-test.iob2
run "named entities, UNER English-EWT test" "$uner" "$annals" eval ner --gold "$uner"
# Held out: invented newswire written by the UNER and CoNLL conventions apart
# from the entity rules and model, and never used to tune them; its figures
# are recorded once in BENCHMARKS.md.
ner_news=tests/eval/ner-news-test.iob2
run "named entities, held-out newswire test set (invented news)" "$ner_news" "$annals" eval ner --gold "$ner_news"
timeml=tests/data/timeml
if compgen -G "$timeml/*.tml" >/dev/null; then
    echo "== time stage, TimeML development set (invented news): annals eval time --gold $timeml/*.tml"
    # shellcheck disable=SC2046
    "$annals" eval time $(for f in "$timeml"/*.tml; do printf -- '--gold %s ' "$f"; done)
fi
for geo in tests/eval/geo-dev.jsonl tests/eval/geo-dev2.jsonl tests/eval/geo-dev3.jsonl; do
    run "places, development set $geo (invented news)" "$geo" "$annals" eval geo --gold "$geo"
done
# Development sets of the event coder (invented news, rules written while
# looking at them): the first set, a second one of new wording and a third
# of long wire-style sentences, each written by the CAMEO codebook before
# the coder was run on it.
# events-probe3 is a small probe of long sentences written after the rules
# of that round and scored only before and after it (BENCHMARKS.md); the
# third round tuned on it too.  events-dev4 is a fourth set of long
# sentences, coded before the coder of the third round was run on it.
# events-probe4 is a fifth probe of long sentences, coded before the coder
# of the fourth round was run on it and scored before and after that round;
# events-probe5 likewise for the fifth round, events-probe6 for the sixth,
# events-probe7 for the seventh, events-probe8 for the eighth; events-probe9
# was scored out of sample after the eighth and used by the robustness
# round that followed.
for set in events-dev events-dev2 events-dev3 events-probe3 events-dev4 events-probe4 events-probe5 events-probe6 events-probe7 events-probe8 events-probe9; do
    gold=tests/eval/$set.jsonl
    run "events, development set $set (invented news)" "$gold" "$annals" eval events --gold "$gold"
done
# Development sets of the quote stage (invented news, rules written while
# looking at them): the first set, and a second of long wire sentences with
# attributions in the middle, inverted cues and unnamed sources.
for set in quotes-dev quotes-dev2; do
    gold=tests/eval/$set.jsonl
    run "quotations, development set $set (invented news)" "$gold" "$annals" eval quotes --gold "$gold"
done
# Held out: written by the CAMEO codebook apart from the coder's rules and
# never used to tune them; its figures are recorded once in BENCHMARKS.md.
events_test=tests/eval/events-test.jsonl
run "events, held-out test set (invented news)" "$events_test" "$annals" eval events --gold "$events_test"
# Held out as well: written by the TimeML guidelines and by geographic and
# reporting facts, apart from the rules of the time, place and quotation
# stages, and never used to tune them; figures recorded once in BENCHMARKS.md.
timeml_test=tests/data/timeml-test
if compgen -G "$timeml_test/*.tml" >/dev/null; then
    echo "== time stage, held-out TimeML test set (invented news): annals eval time --gold $timeml_test/*.tml"
    # shellcheck disable=SC2046
    "$annals" eval time $(for f in "$timeml_test"/*.tml; do printf -- '--gold %s ' "$f"; done)
fi
geo_test=tests/eval/geo-test.jsonl
run "places, held-out test set (invented news)" "$geo_test" "$annals" eval geo --gold "$geo_test"
quotes_test=tests/eval/quotes-test.jsonl
run "quotations, held-out test set (invented news)" "$quotes_test" "$annals" eval quotes --gold "$quotes_test"
