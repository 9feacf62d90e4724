/* doc.h -- the document: the single source of truth that every stage reads
** and appends to.
**
** Offsets: every annotation keeps byte offsets into the original input.  The
** stages work on d->text, the checked and NFC-normalised copy of the input;
** d->map translates an offset in d->text back to the original (NULL when the
** two are byte-identical, which is the common case). */
#ifndef ANNALS_DOC_H
#define ANNALS_DOC_H

#include "internal.h"

struct doc_token {
    uint32_t start, end;        /* span in d->text (working offsets) */
    uint32_t first_word;
    uint16_t n_words;
    uint8_t space_after;
};

struct doc_word {
    const char *form;           /* into d->text, or an arena string */
    uint32_t form_len;
    uint32_t token;
    /* Syntax stage (syntax_run.c); NULL / -1 without models. */
    const char *upos, *xpos;    /* NUL-terminated, owned by the pipeline */
    const char *lemma;          /* the form, or an arena string */
    uint32_t lemma_len;
    int64_t head;               /* document word index, -1 for the root */
    const char *deprel;         /* NUL-terminated, owned by the pipeline */
};

/* Named entities (entities.c). */
enum ent_type { ENT_PER, ENT_ORG, ENT_GPE, ENT_LOC, ENT_NORP };

struct doc_mention {
    uint32_t word, n_word;      /* words of the name ("Kenya" of "Kenya's") */
    uint32_t tok, n_tok;        /* tokens holding those words */
    uint32_t entity;            /* index into d->ent */
    uint8_t type;               /* enum ent_type */
    uint8_t acronym;            /* a bracketed acronym */
    uint32_t role_word, role_n; /* title or role words; role_n = 0: none */
    int32_t role_org;           /* mention of the role's organisation or country, or -1 */
    uint32_t long_word, long_n; /* an acronym's long form (words); long_n = 0: none */
    int32_t alias;              /* mention the acronym stands for, or -1 */
    int32_t next;               /* next mention of the same entity, or -1 */
};

struct doc_entity {
    uint8_t type;               /* enum ent_type */
    uint32_t first;             /* first mention */
    uint32_t canon;             /* mention giving the canonical name (the longest) */
    uint32_t n;                 /* number of mentions */
    uint32_t last;              /* last mention */
};

struct doc_sentence {
    uint32_t first_token;
    uint32_t n_tokens;
    uint8_t role;               /* enum annals_role */
};

/* A temporal expression (timex.c). */
struct doc_timex {
    uint32_t start, end;        /* span in d->text (working offsets) */
    uint32_t sentence;
    uint32_t anchor;            /* anchoring expression, for ANNALS_ANCHOR_EXPRESSION */
    const char *value;          /* NUL-terminated arena string, or NULL */
    uint8_t type;               /* enum annals_time_type */
    uint8_t vague;
    uint8_t anchor_kind;        /* enum annals_anchor */
    uint8_t value_len;
};

/* A place mention resolved by the geo stage (geo.c). */
struct doc_place {
    uint32_t start, end;        /* span in d->text (working offsets) */
    uint32_t sentence;
    uint32_t place;             /* gazetteer record */
    uint8_t source;             /* enum geo_source */
    /* scratch of geo.c while resolving */
    const unsigned char *cand;  /* candidate records (gazetteer list) */
    uint32_t n_cand;
    uint32_t first_token, n_tokens;
    uint8_t weak;               /* a given name taken as a place for its
                                   preposition: kept only with support */
};

/* Tone figures (tone.c) of a sentence or of the whole document. */
struct doc_tone {
    uint32_t words;             /* words counted (letters or digits) */
    uint32_t pos, neg;          /* words scored positive / negative */
    double pos_score, neg_score;/* summed lexicon valences after negation and
                                   intensifiers */
    uint32_t activity, self, group;
};

/* A quotation (quotes.c).  Spans are working offsets; an empty span
** (start == end) means none. */
struct doc_quote {
    uint32_t start, end;            /* the quotation: marks and content, or cue and clause */
    uint32_t cstart, cend;          /* its content */
    uint32_t cue_start, cue_end;    /* cue verb or "according to" */
    uint32_t sp_start, sp_end;      /* the speaker as the text names it here ("he") */
    uint32_t name_start, name_end;  /* the phrase the speaker resolves to, or none */
    int32_t entity;                 /* speaker entity (index into d->ent), or -1 */
    int32_t within;                 /* enclosing quote of a nested one, or -1 */
    uint32_t sent_first, sent_last;
    uint8_t kind;                   /* enum quote_kind (quotes.h) */
};

/* An event participant (events.c). */
struct doc_event_arg {
    int32_t word;               /* head word, or -1: none */
    uint32_t start, end;        /* span in d->text (working offsets) */
    int32_t entity;             /* index into d->ent, or -1 */
    char code[20];              /* CAMEO actor code ("USAGOV"), "" when unresolved */
    char country[4], sector[4];
};

/* An event (events.c): one interaction, stated once or more in the article. */
struct doc_event {
    char code[5];               /* CAMEO code */
    uint8_t mode;               /* 0 stated, 1 intended, 2 refused */
    uint8_t date_source;        /* 0 none, 1 a time expression, 2 publication */
    uint8_t confidence;         /* percent */
    char date[11];              /* YYYY-MM-DD or "" */
    struct doc_event_arg src, tgt;
    uint32_t sentence;          /* first mention */
    uint32_t start, end;        /* evidence span of the first mention (working) */
    int32_t trigger;            /* the word that fired */
    int32_t place;              /* index into d->place, or -1 */
    int32_t timex;              /* the governing expression in d->timex, or -1 */
    const void *pattern;        /* struct ev_pattern (events.h) */
    uint32_t mentions;          /* how many times the article states it */
    uint32_t first_mention;     /* index into d->evm */
};

/* One statement of an event; the mentions of an event are chained. */
struct doc_event_mention {
    uint32_t sentence;
    uint32_t start, end;        /* working offsets */
    int32_t next;               /* next mention of the same event, or -1 */
};

/* A growable array whose memory survives annals_doc_reset(). */
#define DOC_VEC(T) struct { T *v; size_t n, cap; }

struct annals_doc {
    const struct annals_alloc *alloc;
    const struct annals_options *opt;
    const annals_pipeline *pipeline;    /* models for the write stage */
    struct annals_arena arena;

    char *meta[ANNALS_META_COUNT];      /* NUL-terminated arena copies */
    size_t meta_len[ANNALS_META_COUNT];
    char *origin_file;
    uint64_t origin_line;
    int origin_escaped;                 /* text came JSON-escaped on one line */
    int given_words;                    /* annals_doc_set_tokens: words as given */

    const char *orig;                   /* original input (arena copy) */
    size_t orig_len;
    const char *text;                   /* working text: valid UTF-8, NFC */
    size_t text_len;
    uint32_t *map;                      /* text offset -> orig offset, or NULL */

    DOC_VEC(struct doc_token) tok;
    DOC_VEC(struct doc_word) word;
    DOC_VEC(struct doc_sentence) sent;
    DOC_VEC(struct doc_timex) timex;

    DOC_VEC(struct doc_mention) ment;
    DOC_VEC(struct doc_entity) ent;

    int has_syntax;                     /* word syntax fields are set */
    DOC_VEC(struct doc_place) place;    /* geo.c, in text order */
    DOC_VEC(struct doc_tone) stone;     /* tone.c, one per sentence */
    struct doc_tone tone;               /* tone.c, the whole document */
    int has_geo, has_tone;              /* the stages ran */

    int has_ner;                        /* ment and ent are set */
    struct doc_actor *actor;            /* actors.c (actors.h): arena array, in text order */
    size_t n_actor;
    int32_t *word_actor;                /* actors.c: actor of each word, or -1 */
    int has_actors;                     /* the actor stage ran */
    DOC_VEC(struct doc_quote) quote;    /* quotes.c, in text order */
    int has_quotes;
    DOC_VEC(struct doc_event) ev;       /* events.c */
    DOC_VEC(struct doc_event_mention) evm;
    int has_events;
    int has_dateline;
    uint32_t dateline_start, dateline_end;   /* working offsets */
    uint32_t place_start, place_end;

    int status;                         /* ANNALS_OK or the failure */
    size_t err_offset;                  /* input byte of the failure, or SIZE_MAX */
    char errmsg[512];
    struct annals_buf out;              /* annals_doc_write() result */
};

/* Grow a DOC_VEC by one element; returns a pointer to it or NULL. */
#define DOC_PUSH(d, vec) \
    ((vec).n < (vec).cap || annals__doc_grow((d), (void **)&(vec).v, &(vec).cap, \
                                              sizeof(*(vec).v), (vec).n + 1) == ANNALS_OK \
         ? &(vec).v[(vec).n++] : NULL)

ANNALS_INTERNAL int annals__doc_grow(annals_doc *d, void **v, size_t *cap,
                                     size_t elem, size_t need);
/* Record a failure on d: status and a printf-style message.  Returns status. */
ANNALS_INTERNAL int annals__doc_fail(annals_doc *d, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Original-input offset of working offset off. */
ANNALS_INTERNAL size_t annals__doc_orig_offset(const annals_doc *d, size_t off);

/* ---------------------------------------------------------------- stages */

/* text.c: check and normalise d->orig, find line roles and the dateline,
** then tokenise and split sentences. */
ANNALS_INTERNAL int annals__text_run(const annals_pipeline *p, annals_doc *d);

/* tokenize.c: append the tokens (and their words) of d->text[start, end) to
** d->tok and d->word.  The range holds no line that must stay apart. */
ANNALS_INTERNAL int annals__tokenize(annals_doc *d, size_t start, size_t end);

/* tokenize.c: append each run of bytes of d->text[start, end) between
** spaces and tabs as a token of one word (words given by the caller). */
ANNALS_INTERNAL int annals__tokenize_given(annals_doc *d, size_t start, size_t end);

/* sentence.c: group tokens [first, first + n) into sentences of the given
** role, appended to d->sent.  Paragraph ends are always sentence ends. */
ANNALS_INTERNAL int annals__split_sentences(annals_doc *d, size_t first, size_t n,
                                            int role);
/* sentence.c: append tokens [first, first + n) as one sentence. */
ANNALS_INTERNAL int annals__add_sentence(annals_doc *d, size_t first, size_t n, int role);

/* entities.c: named entities, roles and within-article links with p->ner. */
ANNALS_INTERNAL int annals__ner_run(const annals_pipeline *p, annals_doc *d);
ANNALS_INTERNAL const char *annals__ent_type_name(int t);

/* syntax_run.c: tag, lemmatise and parse every sentence with p->syn. */
ANNALS_INTERNAL int annals__syntax_run(const annals_pipeline *p, annals_doc *d);
/* geo.c: find place-name candidates in d (capitalised sequences that the
** gazetteer knows, and the dateline place) and resolve them to d->place. */
ANNALS_INTERNAL int annals__geo_run(const annals_pipeline *p, annals_doc *d);

/* actors.c: append the "actors" member of the JSON record (docs/OUTPUT.md). */
ANNALS_INTERNAL int annals__actors_json(struct annals_buf *b, const annals_doc *d);

/* tone.c: tone of every sentence and of the document. */
ANNALS_INTERNAL int annals__tone_run(const annals_pipeline *p, annals_doc *d);

#endif /* ANNALS_DOC_H */
