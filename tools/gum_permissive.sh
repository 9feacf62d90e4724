#!/bin/sh
# gum_permissive.sh -- the documents of a GUM CoNLL-U file whose genre allows
# redistribution of models trained on them (../shared/data/README.md).
# usage: tools/gum_permissive.sh en_gum-ud-train.conllu > out.conllu
# A document's genre is its "# meta::genre" comment, else the second part
# of "# newdoc id = GUM_<genre>_..."; documents of the non-commercial genres
# (whow, fiction, essay, letter, podcast) and of unknown genre are left out.
set -eu
awk '
function allowed(g) {
    return g == "academic" || g == "bio" || g == "conversation" || g == "court" ||
           g == "interview" || g == "news" || g == "speech" || g == "textbook" ||
           g == "vlog" || g == "voyage"
}
function flush() {
    if (doc != "" && allowed(genre))
        printf "%s", doc
    doc = ""
    genre = ""
}
/^# newdoc id = / {
    flush()
    split($0, p, "= ")
    split(p[2], q, "_")
    genre = q[2]
}
/^# meta::genre = / { split($0, p, "= "); genre = p[2] }
{ doc = doc $0 "\n" }
END { flush() }
' "$1"
