#!/usr/bin/env bash
# eval.sh ANNALS -- accuracy on the evaluation sets in ../shared/data, read
# in place.  Each evaluation is skipped, with a note, when its data is absent.
set -euo pipefail
annals=$1
data=${ANNALS_DATA:-../shared/data}
ewt=$data/ud/EWT
for split in dev test; do
    gold=$ewt/en_ewt-ud-$split.conllu
    if [[ -f $gold ]]; then
        echo "== text stage, UD English-EWT $split: annals eval tokenize --gold $gold"
        "$annals" eval tokenize --gold "$gold"
    else
        echo "skip: $gold not found"
    fi
done
timeml=tests/data/timeml
if compgen -G "$timeml/*.tml" >/dev/null; then
    echo "== time stage, TimeML development set (invented news): annals eval time --gold $timeml/*.tml"
    # shellcheck disable=SC2046
    "$annals" eval time $(for f in "$timeml"/*.tml; do printf -- '--gold %s ' "$f"; done)
fi
