/* conllu.h -- reading CoNLL-U (UD v2) held in memory.
** Every string points into the caller's buffer, which must outlive the
** corpus.  Empty nodes (ids such as 8.1) are skipped. */
#ifndef ANNALS_CONLLU_H
#define ANNALS_CONLLU_H

#include "internal.h"

enum conllu_col {
    CONLLU_ID, CONLLU_FORM, CONLLU_LEMMA, CONLLU_UPOS, CONLLU_XPOS,
    CONLLU_FEATS, CONLLU_HEAD, CONLLU_DEPREL, CONLLU_DEPS, CONLLU_MISC,
    CONLLU_NCOLS
};

struct conllu_str {
    const char *s;
    uint32_t n;
};

struct conllu_word {
    struct conllu_str col[CONLLU_NCOLS];
    int head;                   /* 0 for the root, -1 when "_" */
    uint32_t token;             /* index of its surface token */
};

/* A surface token: a multiword token ("don't") or a single word. */
struct conllu_token {
    struct conllu_str form;
    uint32_t first_word;        /* corpus-wide word index */
    uint32_t n_words;
    int space_after;            /* no SpaceAfter=No in its MISC */
};

struct conllu_sentence {
    struct conllu_str text;     /* "# text = ..." or empty */
    struct conllu_str sent_id;
    int newdoc, newpar;         /* "# newdoc" / "# newpar" comments seen */
    uint32_t first_token, n_tokens;
    uint32_t first_word, n_words;
    uint64_t line;              /* 1-based line of its first line */
};

struct conllu_corpus {
    const struct annals_alloc *alloc;
    struct conllu_sentence *sent;
    size_t n_sent, cap_sent;
    struct conllu_token *tok;
    size_t n_tok, cap_tok;
    struct conllu_word *word;
    size_t n_word, cap_word;
};

/* Parse data[0..len).  On failure the corpus is freed and err names the line
** and the reason.  Returns ANNALS_OK, ANNALS_ENOMEM or ANNALS_EFORMAT. */
ANNALS_INTERNAL int annals__conllu_parse(const struct annals_alloc *a, const char *data,
                                         size_t len, struct conllu_corpus *out,
                                         char *err, size_t errlen);
ANNALS_INTERNAL void annals__conllu_free(struct conllu_corpus *c);

#endif /* ANNALS_CONLLU_H */
