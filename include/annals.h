/* annals.h -- turn English news into event data.
**
** This is the only public header of libannals.
**
** MEMORY POLICY: no function takes ownership of its arguments.  Pointers
**   returned by annals_doc_* accessors are borrowed from the document and stay
**   valid until annals_doc_reset() or annals_doc_free().  Pointers returned by
**   annals_reader_* accessors stay valid until the next annals_reader_next()
**   or annals_reader_close().  Every destroy function accepts NULL.
**
** THREAD SAFETY: an annals_pipeline is immutable after annals_pipeline_open()
**   and may be shared by any number of threads.  An annals_doc or an
**   annals_reader must be used by one thread at a time.  There is no global
**   state.
**
** ERRORS: fallible functions return ANNALS_OK (0) or a negative status code;
**   annals_strerror() names the code and the handle's errmsg accessor gives
**   the detail of its last failure.  The library never prints and never exits.
**
** ABI: versions with the same major number are ABI compatible; the API only
**   grows, backwards compatibly, between minor versions.
*/
#ifndef ANNALS_H
#define ANNALS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ANNALS_API __attribute__((visibility("default")))
#else
#define ANNALS_API
#endif

#define ANNALS_VERSION_MAJOR 0
#define ANNALS_VERSION_MINOR 1
#define ANNALS_VERSION_PATCH 0
#define ANNALS_VERSION_STRING "0.1.0"

/* Version of the JSON document schema written by annals_doc_write(). */
#define ANNALS_SCHEMA_VERSION 1

/* Run-time version: MAJOR*10000 + MINOR*100 + PATCH. */
ANNALS_API int annals_version_number(void);

/* ---------------------------------------------------------------- status */
enum annals_status {
    ANNALS_OK = 0,
    ANNALS_DONE = 1,        /* a reader has no more records */
    ANNALS_ENOMEM = -1,     /* an allocation failed */
    ANNALS_EINVAL = -2,     /* a bad argument from the caller */
    ANNALS_EIO = -3,        /* reading or writing a file failed */
    ANNALS_ETOOBIG = -4,    /* input over a configured limit */
    ANNALS_EUTF8 = -5,      /* invalid UTF-8 under the reject policy */
    ANNALS_EFORMAT = -6,    /* malformed input record (JSON, gzip, CoNLL-U) */
    ANNALS_EMODEL = -7      /* a model file is wrong, damaged or missing */
};

/* Static, never NULL. */
ANNALS_API const char *annals_strerror(int status);

/* --------------------------------------------------------------- options */

/* One allocator for everything the library allocates.  Same contract as
** lua_Alloc: nsize == 0 frees ptr and returns NULL; otherwise behaves like
** realloc(ptr, nsize).  osize is the old size (0 for a new block). */
typedef void *(*annals_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

enum annals_utf8_policy {
    ANNALS_UTF8_REJECT = 0,  /* invalid UTF-8 fails the document */
    ANNALS_UTF8_REPLACE = 1  /* each bad sequence becomes U+FFFD; offsets kept */
};

/* How a numeric date such as 3/4/2021 is read. */
enum annals_date_order {
    ANNALS_DATE_MDY = 0,     /* March 4 (the default) */
    ANNALS_DATE_DMY = 1      /* 3 April */
};

struct annals_options {
    annals_alloc_fn alloc;       /* NULL: the C library's */
    void *alloc_ud;              /* passed to alloc */
    size_t max_doc_bytes;        /* larger documents fail with ANNALS_ETOOBIG */
    size_t max_sentence_tokens;  /* longer sentences fail with ANNALS_ETOOBIG */
    int utf8_policy;             /* enum annals_utf8_policy */
    const char *model_dir;       /* directory of the models: tagger.model,
                                    lemmatizer.model and parser.model (all
                                    three needed), ner.model, geo.model and
                                    tone.model (each used when present);
                                    only the models of the stages to run
                                    are read; NULL: text stage only */
    const char *ner_model;       /* named-entity model file; NULL: ner.model
                                    of model_dir when present */
    int date_order;              /* enum annals_date_order */
    unsigned stages;             /* ANNALS_STAGE_* bits of the stages to run
                                    after the text stage, which always runs;
                                    a stage whose model is not loaded is
                                    skipped.  Default ANNALS_STAGES_ALL. */
    const char *actors_file;     /* user actor dictionary (docs/ACTORS.md),
                                    overriding inferred actor codes; NULL:
                                    none */
    /* The parser's beam (docs/SYNTAX.md#beam-decoding); 0 in each: the parser
    ** model's own setting. */
    int parse_beam;              /* derivations kept, 1 (greedy) to
                                    ANNALS_MAX_BEAM */
    double parse_beam_temperature; /* divides move scores before the softmax */
    double parse_beam_drop;      /* a derivation this far below the best
                                    (log-probability) is dropped */
};

#define ANNALS_MAX_BEAM 16

/* Stages that can be switched off with annals_options.stages. */
enum annals_stage {
    ANNALS_STAGE_SYNTAX = 1u << 0,   /* tags, lemmas, dependencies (models) */
    ANNALS_STAGE_NER = 1u << 1,      /* entities (ner.model) */
    ANNALS_STAGE_TIME = 1u << 2,     /* temporal expressions */
    ANNALS_STAGE_GEO = 1u << 3,      /* places (geo.model) */
    ANNALS_STAGE_TONE = 1u << 4,     /* tone (tone.model) */
    ANNALS_STAGE_ACTORS = 1u << 5,   /* actor codes (needs the syntax stage) */
    ANNALS_STAGE_QUOTES = 1u << 6,   /* quotations (needs the syntax stage) */
    ANNALS_STAGE_EVENTS = 1u << 7    /* CAMEO events (needs the syntax stage) */
};
#define ANNALS_STAGES_ALL 0xFFFFFFFFu

/* Fill *opt with the defaults: libc allocator, 16 MiB documents, 1000 tokens
** per sentence, reject invalid UTF-8, no models, month-first numeric dates. */
ANNALS_API void annals_options_init(struct annals_options *opt);

/* -------------------------------------------------------------- pipeline */
typedef struct annals_pipeline annals_pipeline;

/* Create a pipeline.  opt may be NULL for the defaults.  When opt->model_dir
** is set, the models are loaded from it (ANNALS_EMODEL or ANNALS_EIO when
** a needed one is missing or any is damaged) and annals_annotate() then tags,
** lemmatises and parses every sentence, geocodes places (geo.model) and
** scores tone (tone.model).  On failure *out is NULL and errbuf (if
** errlen > 0) holds a NUL-terminated reason. */
ANNALS_API int annals_pipeline_open(const struct annals_options *opt,
                                    annals_pipeline **out, char *errbuf,
                                    size_t errlen);
ANNALS_API void annals_pipeline_close(annals_pipeline *p);

/* -------------------------------------------------------------- document */
typedef struct annals_doc annals_doc;

/* Metadata fields of a document, as the reader found them. */
enum annals_meta {
    ANNALS_META_ID = 0,
    ANNALS_META_DATE,       /* publication date, YYYY-MM-DD after checking */
    ANNALS_META_URL,
    ANNALS_META_SOURCE,
    ANNALS_META_TITLE,
    ANNALS_META_COUNT
};

ANNALS_API int annals_doc_new(const annals_pipeline *p, annals_doc **out);
ANNALS_API void annals_doc_free(annals_doc *d);
/* Forget everything the document holds but keep its memory for reuse. */
ANNALS_API void annals_doc_reset(annals_doc *d);
/* ANNALS_OK, or the status of the document's failure. */
ANNALS_API int annals_doc_status(const annals_doc *d);
/* Detail of the document's last failure; "" if none.  Never NULL. */
ANNALS_API const char *annals_doc_errmsg(const annals_doc *d);

/* Copy a metadata value into the document.  A date must be YYYY-MM-DD or
** RFC 3339 (its date part is kept); anything else is ANNALS_EFORMAT. */
ANNALS_API int annals_doc_set_meta(annals_doc *d, enum annals_meta field,
                                   const char *s, size_t len);
/* Borrowed; NULL when unset. */
ANNALS_API const char *annals_doc_meta(const annals_doc *d, enum annals_meta field,
                                       size_t *len);

/* Where the document came from, for error records: file name and 1-based
** line (0 when the input is not line-based). */
ANNALS_API int annals_doc_set_origin(annals_doc *d, const char *file, uint64_t line);

/* Run the pipeline on text[0..len): annals_doc_set_text() then
** annals_doc_annotate().  On failure the document keeps its metadata and
** origin, and annals_doc_errmsg() says why. */
ANNALS_API int annals_annotate(const annals_pipeline *p, annals_doc *d,
                               const char *text, size_t len);

/* Copy text[0..len) into the document as its input, dropping earlier
** annotations.  Over the pipeline's max_doc_bytes it fails with
** ANNALS_ETOOBIG. */
ANNALS_API int annals_doc_set_text(annals_doc *d, const char *text, size_t len);

/* As annals_doc_set_text(), for text already cut into words: one sentence a
** line, words separated by spaces or tabs, each kept as it is (no layout,
** no splitting of clitics or punctuation).  Blank lines are skipped. */
ANNALS_API int annals_doc_set_tokens(annals_doc *d, const char *text, size_t len);

/* Run the pipeline on the text the document holds.  A document that holds
** an error (from a reader, say) keeps it and returns its status.  Separating
** reading from annotating lets a program read on one thread and annotate on
** many. */
ANNALS_API int annals_doc_annotate(const annals_pipeline *p, annals_doc *d);

/* Record a failure that happened before annotation (for example a reader
** error) so that annals_doc_write() produces an error record for it. */
ANNALS_API void annals_doc_set_error(annals_doc *d, int status, const char *reason);

/* ---------------------------------------------------------- annotations */

/* A half-open byte span [start, end) into the original input text. */
struct annals_span {
    size_t start;
    size_t end;
};

enum annals_role {
    ANNALS_ROLE_BODY = 0,
    ANNALS_ROLE_HEADLINE,   /* first line of a story, or a sub-heading */
    ANNALS_ROLE_DATELINE,   /* "WASHINGTON:" or "ISLAMABAD, Aug 11 (Reuters) -" */
    ANNALS_ROLE_CAPTION,    /* photo caption */
    ANNALS_ROLE_BYLINE      /* "By Jane Doe" */
};
ANNALS_API const char *annals_role_name(int role);

struct annals_sentence_info {
    struct annals_span span;
    size_t first_token;
    size_t n_tokens;
    int role;                 /* enum annals_role */
};

struct annals_token_info {
    struct annals_span span;  /* in the original input */
    const char *form;         /* normalised (NFC) text, not NUL-terminated */
    size_t form_len;
    size_t first_word;        /* syntactic words of this token */
    size_t n_words;           /* > 1 for a multiword token such as "don't" */
    int space_after;          /* whitespace follows in the input */
};

struct annals_word_info {
    const char *form;
    size_t form_len;
    size_t token;             /* the token this word belongs to */
    /* Syntax, when the pipeline has models (else NULL / 0 / -1): */
    const char *upos;         /* universal POS tag, NUL-terminated */
    const char *xpos;         /* Penn Treebank tag, NUL-terminated */
    const char *lemma;        /* not NUL-terminated */
    size_t lemma_len;
    long head;                /* document word index of the head; -1 for the
                                 root of its sentence (and without a parse) */
    const char *deprel;       /* UD relation, NUL-terminated */
};

ANNALS_API size_t annals_doc_sentence_count(const annals_doc *d);
ANNALS_API size_t annals_doc_token_count(const annals_doc *d);
ANNALS_API size_t annals_doc_word_count(const annals_doc *d);
ANNALS_API int annals_doc_sentence(const annals_doc *d, size_t i,
                                   struct annals_sentence_info *out);
ANNALS_API int annals_doc_token(const annals_doc *d, size_t i,
                                struct annals_token_info *out);
ANNALS_API int annals_doc_word(const annals_doc *d, size_t i,
                               struct annals_word_info *out);

/* The dateline's place ("WASHINGTON"), if the story has a dateline. */
ANNALS_API int annals_doc_dateline(const annals_doc *d, struct annals_span *line,
                                   struct annals_span *place);

/* Temporal expressions (TIMEX3 types and values). */
enum annals_time_type {
    ANNALS_TIME_DATE = 0,     /* a calendar date or period: 2021-08-11, 2021-W32 */
    ANNALS_TIME_TIME,         /* a time of day: 2021-08-11T15:00, 2021-08-11TEV */
    ANNALS_TIME_DURATION,     /* P2D, PT48H, PXW */
    ANNALS_TIME_SET           /* a recurrence: XXXX-WXX-1, P1W */
};
ANNALS_API const char *annals_time_type_name(int type);   /* "DATE" ... */

/* What a relative expression was resolved against. */
enum annals_anchor {
    ANNALS_ANCHOR_NONE = 0,        /* absolute, a duration, or unresolved */
    ANNALS_ANCHOR_PUBLICATION,     /* the publication date (ANNALS_META_DATE) */
    ANNALS_ANCHOR_EXPRESSION       /* an earlier expression: anchor_index */
};

struct annals_time_info {
    struct annals_span span;
    int type;                 /* enum annals_time_type */
    const char *value;        /* NUL-terminated TIMEX3 value; NULL when it
                                 cannot be known (no publication date) */
    size_t value_len;
    int vague;                /* "recently", "in recent weeks", "for years" */
    int anchor;               /* enum annals_anchor */
    size_t anchor_index;      /* the anchoring expression's index */
    size_t sentence;          /* index of its sentence */
};

ANNALS_API size_t annals_doc_time_count(const annals_doc *d);
ANNALS_API int annals_doc_time(const annals_doc *d, size_t i,
                               struct annals_time_info *out);

/* Events (CAMEO-coded interactions; docs/EVENTS.md), found when the
** pipeline has the syntax models. */
enum annals_date_source {
    ANNALS_DATE_NONE = 0,         /* neither the text nor the publication dates it */
    ANNALS_DATE_TEXT,             /* a time expression governing the event */
    ANNALS_DATE_PUBLICATION       /* the publication date (ANNALS_META_DATE) */
};

enum annals_event_mode {
    ANNALS_EVENT_STATED = 0,      /* it happened, as the article tells it */
    ANNALS_EVENT_INTENDED,        /* promised, planned or threatened: the code says so */
    ANNALS_EVENT_REFUSED          /* refused: the code is a rejection */
};

struct annals_event_actor {
    int present;              /* 0: the event has no such participant */
    struct annals_span span;  /* the phrase, in the original input */
    const char *text;         /* the phrase (normalised text), not NUL-terminated */
    size_t text_len;
    long entity;              /* index of the named entity, or -1 */
    const char *code;         /* CAMEO actor code ("USAGOV"); "" when unresolved */
    const char *country;      /* "USA"; "" when unknown */
    const char *sector;       /* "GOV"; "" when none */
};

struct annals_event_info {
    const char *code;         /* CAMEO event code, "190" */
    char root[3];             /* its root, "19" */
    int quad;                 /* quad class 1..4 */
    double goldstein;         /* Goldstein scale value */
    const char *plover_type;  /* PLOVER event type, "-" when none */
    const char *plover_mode;  /* PLOVER mode, "-" when none */
    int mode;                 /* enum annals_event_mode */
    struct annals_event_actor source, target;
    const char *date;         /* YYYY-MM-DD, or NULL */
    int date_source;          /* enum annals_date_source */
    long place;               /* index of the document's place (geo stage), or -1 */
    size_t sentence;          /* sentence of the first mention */
    struct annals_span span;  /* evidence of the first mention */
    size_t mentions;          /* times the article states it */
    const char *lemma;        /* the lexicon pattern that fired: its word */
    size_t lexicon_line;      /* and its line in data/cameo/verbs.tsv */
    int confidence;           /* percent */
};

ANNALS_API size_t annals_doc_event_count(const annals_doc *d);
ANNALS_API int annals_doc_event(const annals_doc *d, size_t i, struct annals_event_info *out);
/* Mention k (0 <= k < mentions) of event i: its sentence and evidence. */
ANNALS_API int annals_doc_event_mention(const annals_doc *d, size_t i, size_t k,
                                        size_t *sentence, struct annals_span *span);

/* Events of many articles counted together, as GDELT counts them: events
** with the same day, source code, target code and root code are one row,
** with the number of mentions, of distinct sources and of articles.  Rows
** keep the order in which they were first seen. */
typedef struct annals_events_agg annals_events_agg;

ANNALS_API int annals_events_agg_new(const annals_pipeline *p, annals_events_agg **out);
ANNALS_API void annals_events_agg_free(annals_events_agg *a);
/* Add the events of an annotated document (error records add nothing). */
ANNALS_API int annals_events_agg_add(annals_events_agg *a, const annals_doc *d);
ANNALS_API size_t annals_events_agg_count(const annals_events_agg *a);
/* Write the rows as GDELT 2.0 event-table TSV (61 columns; which ones are
** filled: docs/EVENTS.md), one write() call per row. */
ANNALS_API int annals_events_agg_gdelt(const annals_events_agg *a,
                                       int (*write)(void *ud, const char *s, size_t n),
                                       void *ud);

/* ---------------------------------------------------------------- output */
enum annals_format {
    ANNALS_FORMAT_JSON = 0,   /* one JSON object per document, one line */
    ANNALS_FORMAT_CONLLU,     /* CoNLL-U, one block per sentence */
    ANNALS_FORMAT_EVENTS,     /* one JSON object per event, one line each */
    ANNALS_FORMAT_IOB2        /* word<TAB>B-/I-PER|ORG|LOC or O, a blank line
                                 after each sentence (docs/OUTPUT.md) */
};

/* Serialise the document (or its error record, if annotation failed) into a
** buffer owned by the document.  *out stays valid until the next call on d.
** Output is deterministic: the same input gives the same bytes. */
ANNALS_API int annals_doc_write(annals_doc *d, int format, const char **out,
                                size_t *len);

/* --------------------------------------------------------------- readers */
typedef struct annals_reader annals_reader;

enum annals_input {
    ANNALS_INPUT_AUTO = 0,    /* JSON Lines if the first non-blank byte is '{' */
    ANNALS_INPUT_TEXT,        /* the whole input is one article */
    ANNALS_INPUT_JSONL,       /* one article per line */
    ANNALS_INPUT_TOKENS,      /* the whole input is one article, already cut
                                 into words (annals_doc_set_tokens) */
    ANNALS_INPUT_CONLLU       /* CoNLL-U: the words and sentences of each
                                 "# newdoc" (or of the whole input) make one
                                 article, as ANNALS_INPUT_TOKENS; its id is
                                 the newdoc id */
};

/* How records are read.  JSON member names: NULL members take the defaults
** id, date, url, source, title, text.  default_date (YYYY-MM-DD or RFC 3339,
** or NULL) is the publication date of records that carry none. */
struct annals_fields {
    const char *name[ANNALS_META_COUNT];
    const char *text;
    const char *default_date;
};

/* Open a file (path "-" is standard input).  gzip input is recognised by its
** content.  The reader uses p's options for limits and allocation. */
ANNALS_API int annals_reader_open(const annals_pipeline *p, const char *path,
                                  int input, const struct annals_fields *fields,
                                  annals_reader **out, char *errbuf, size_t errlen);
ANNALS_API void annals_reader_close(annals_reader *r);

/* Read the next record into d (reset first) without annotating it: its
** metadata, origin and text are set, ready for annals_doc_annotate().  Same
** returns as annals_reader_next(). */
ANNALS_API int annals_reader_read(annals_reader *r, annals_doc *d);

/* Read the next record into d (reset first): its metadata, origin and text
** are set and the document is annotated.  Returns ANNALS_OK, ANNALS_DONE at
** the end, or a negative status for a record that failed; d then holds an
** error record naming the file, line and reason, and the next call goes on
** with the following record.  ANNALS_EIO means the input itself cannot be
** read further (the reader is then at its end). */
ANNALS_API int annals_reader_next(annals_reader *r, const annals_pipeline *p,
                                  annals_doc *d);

/* ------------------------------------------------------------ evaluation */

/* Precision, recall and F1 of one kind of unit, in percent. */
struct annals_prf {
    double precision;
    double recall;
    double f1;
    size_t gold;
    size_t system;
    size_t correct;
};

struct annals_tokenize_scores {
    struct annals_prf tokens;
    struct annals_prf words;
    struct annals_prf sentences;
    size_t documents;
};

/* Score the text stage against gold CoNLL-U held in memory.  The raw input is
** rebuilt from the gold "# text" lines: sentences of one paragraph joined by a
** space, paragraphs separated by a blank line, as in the CoNLL 2018 shared
** task; units are compared by character offsets, ignoring whitespace. */
ANNALS_API int annals_eval_tokenize(const annals_pipeline *p, const char *conllu,
                                    size_t len, struct annals_tokenize_scores *out,
                                    char *errbuf, size_t errlen);

/* Accuracy of the syntax stage against gold CoNLL-U (CoNLL 2018 shared task
** definitions).  Percentages over words; with gold tokens every word is
** aligned, so precision, recall and F1 coincide. */
struct annals_syntax_scores {
    size_t sentences;
    size_t words;             /* gold syntactic words */
    double upos, xpos, lemma; /* tag and lemma accuracy */
    double uas, las;          /* attachment scores */
    double seconds;           /* time spent tagging, lemmatising, parsing */
};

/* Re-annotate the gold words of a CoNLL-U file (gold tokenisation and
** sentences) with the pipeline's models and score them.  The pipeline must
** have been opened with a model_dir.  If conllu_out is not NULL, the
** annotated corpus is written there as CoNLL-U (FORM and the gold
** tokenisation kept, LEMMA, UPOS, XPOS, HEAD, DEPREL predicted; FEATS and
** DEPS are "_", MISC keeps only SpaceAfter=No), and *conllu_out_len set to its
** length; free it with annals_free(p, *conllu_out, *conllu_out_len + 1). */
ANNALS_API int annals_eval_syntax(const annals_pipeline *p, const char *conllu, size_t len,
                                  struct annals_syntax_scores *out, char **conllu_out,
                                  size_t *conllu_out_len, char *errbuf, size_t errlen);

/* Score tokeniser, splitter and syntax together from raw text: the text is
** rebuilt as for annals_eval_tokenize(), annotated, and the system words
** aligned to the gold words by their character spans (conll18_ud_eval.py).
** Each syntax figure is an F1 over gold and system words: a word counts when
** it is aligned and its UPOS, XPOS or lemma is equal; for UAS when its head
** is aligned to the gold head (or both are roots), for LAS also with the
** same universal relation.  The pipeline must have a model_dir. */
struct annals_syntax_text_scores {
    struct annals_tokenize_scores text;
    struct annals_prf upos, xpos, lemma, uas, las;
    size_t sentences;         /* gold sentences */
    double seconds;           /* time in annals_annotate (the whole pipeline) */
};

ANNALS_API int annals_eval_syntax_text(const annals_pipeline *p, const char *conllu,
                                       size_t len, struct annals_syntax_text_scores *out,
                                       char *errbuf, size_t errlen);

/* Re-annotate a gold-tokenised CoNLL-U corpus: its tokens, words and
** sentences are kept, LEMMA, UPOS, XPOS, HEAD and DEPREL are predicted, as
** annals_eval_syntax() writes them (comments other than sent_id and text are
** dropped).  *out is owned by the caller: annals_free(p, *out, *out_len + 1).
** This is `annals code --input conllu --format conllu`. */
ANNALS_API int annals_annotate_conllu(const annals_pipeline *p, const char *conllu,
                                      size_t len, char **out, size_t *out_len,
                                      char *errbuf, size_t errlen);

/* Release memory the library returned as owned (len is its size). */
ANNALS_API void annals_free(const annals_pipeline *p, void *mem, size_t len);

/* ------------------------------------------------------------- training */
enum annals_model_type {
    ANNALS_MODEL_TAGGER = 0,
    ANNALS_MODEL_LEMMATIZER,
    ANNALS_MODEL_PARSER,
    ANNALS_MODEL_CLUSTERS       /* word clusters from plain text (CLU1) */
};

struct annals_train_options {
    int type;                   /* enum annals_model_type */
    const char *train_path;     /* CoNLL-U training data; for clusters, plain
                                   text, one sentence a line, words separated
                                   by spaces */
    const char *dev_path;       /* CoNLL-U development data (scored each epoch) */
    const char *out_path;       /* model file to write */
    const char *data_licence;   /* recorded in the model's META; may be NULL */
    const char *date;           /* YYYY-MM-DD recorded in META; may be NULL */
    uint64_t seed;              /* shuffling seed; same seed, same model */
    int epochs;                 /* 0: the trainer's default */
    double prune;               /* drop averaged weights with |w| below this;
                                   0: the trainer's default */
    /* Progress lines (no newline), or NULL for silence. */
    void (*progress)(void *ud, const char *line);
    void *progress_ud;
    int clusters;               /* clusters: how many; 0: the default */
    const char *clusters_path;  /* tagger: a CLU1 model whose clusters become
                                   features (copied into the tagger); or NULL */
    const char *wordnet_path;   /* lemmatizer: a WordNet 3.0 dict directory
                                   (*.exc, index.*) whose exception lists and
                                   lemmas go into the model; or NULL */
    double right_to_left_below; /* tagger: also train a right-to-left model,
                                   which retags the words whose left-to-right
                                   margin is below this; 0: none */
    /* parser: the beam settings written into the model as its defaults
    ** (annals_options.parse_beam...); 0 in each: greedy, temperature 1, no
    ** drop (a temperature and a drop are kept for a caller who asks for a
    ** beam).  The epoch is still chosen by greedy parsing of dev. */
    int beam;
    double beam_temperature;
    double beam_drop;
    /* parser: feature templates to leave out, by name, comma-separated
    ** (docs/SYNTAX.md#parser lists them); NULL: none */
    const char *without_templates;
};

/* Train a model and write it to opt->out_path.  Deterministic for a given
** seed and input.  Uses p's allocator; p needs no models. */
ANNALS_API int annals_train(const annals_pipeline *p, const struct annals_train_options *opt,
                            char *errbuf, size_t errlen);

/* Validate the model file at path and describe it as deterministic text
** (header, sections, META, FEAT, label set, sizes) through write(). */
ANNALS_API int annals_model_dump(const annals_pipeline *p, const char *path,
                                 void (*write)(void *ud, const char *s, size_t n),
                                 void *ud, char *errbuf, size_t errlen);
/* Geocoding scores: gold place mentions matched by overlapping spans. */
struct annals_geo_scores {
    size_t documents;
    size_t gold;              /* gold place mentions */
    size_t system;            /* place mentions found */
    size_t matched;           /* gold mentions overlapped by a system mention */
    size_t country_ok;        /* matched, same country */
    size_t within_161;        /* matched, both with coordinates, <= 161 km apart */
    size_t with_coords;       /* matched, both with coordinates */
    double mean_km;           /* mean error over with_coords */
};

/* Score the geo stage against gold JSON Lines held in memory (format in
** docs/GEO.md): each line {"text":..., "date":... (optional), "places":
** [{"span":[s,e], "country":"UA", "lat":.., "lon":.., "geonameid":..}]}.
** The pipeline must have a gazetteer (opt->model_dir). */
ANNALS_API int annals_eval_geo(const annals_pipeline *p, const char *jsonl, size_t len,
                               struct annals_geo_scores *out, char *errbuf,
                               size_t errlen);

/* Actor scores: gold noun phrases and the actor code the system gave each. */
struct annals_actor_scores {
    size_t documents;
    size_t gold;              /* gold phrases */
    size_t gold_actors;       /* gold phrases with an actor code */
    size_t gold_none;         /* gold phrases that are no actor ("in Christchurch") */
    size_t correct;           /* system code equals the gold code (or both none) */
    size_t covered;           /* gold actors given some actor */
    size_t covered_correct;   /* of those, with the gold code */
    size_t country_ok;        /* gold actors whose country (first three letters) matches */
    size_t none_ok;           /* gold non-actors given no actor */
};

/* Score the actor stage against gold JSON Lines held in memory (format in
** docs/ACTORS.md): each line {"text":..., "date":... (optional), "actors":
** [{"phrase":"Pakistani officials", "code":"PAKGOV"}, {"phrase":"he",
** "nth":2, "code":"USAMIL"}, {"phrase":"Christchurch", "code":null}]}.
** The pipeline needs the syntax models.  When report is not NULL it is
** called with one line of text per phrase scored wrong. */
ANNALS_API int annals_eval_actors(const annals_pipeline *p, const char *jsonl, size_t len,
                                  struct annals_actor_scores *out,
                                  void (*report)(void *ud, const char *line), void *ud,
                                  char *errbuf, size_t errlen);

/* Quotation scores (docs/QUOTES.md): gold and system quotes paired by
** overlapping content; speakers right or wrong on the pairs. */
struct annals_quote_scores {
    size_t documents;
    size_t gold, system, matched;     /* quotes */
    size_t gold_speakers;             /* gold quotes with a speaker */
    size_t system_speakers;           /* system quotes with a speaker */
    size_t speaker_right;             /* paired, speaker agrees */
    size_t kind_ok;                   /* paired, kind agrees (or gold gives none) */
    size_t content_exact;             /* paired, content spans equal */
    struct annals_prf quotes;         /* detection, by overlap */
    struct annals_prf speakers;       /* speaker precision and recall */
    struct annals_prf content;        /* content bytes (gold/system/correct in bytes) */
};

/* Score the quote stage against gold JSON Lines held in memory: each line
** {"text":..., "quotes":[{"content":"...", "speaker":"John Kirby" or null,
** "kind":"direct"}]} (docs/QUOTES.md).  If report is not NULL it receives one
** line per missed, spurious or wrongly attributed quote.  The pipeline needs
** its models (opt->model_dir). */
ANNALS_API int annals_eval_quotes(const annals_pipeline *p, const char *jsonl, size_t len,
                                  struct annals_quote_scores *out,
                                  void (*report)(void *ud, const char *line), void *ud,
                                  char *errbuf, size_t errlen);

/* Event coding scores.  Events are matched within each gold record, one
** system event to at most one gold event. */
struct annals_event_scores {
    size_t documents;
    struct annals_prf full;   /* same CAMEO code */
    struct annals_prf root;   /* same root code */
    struct annals_prf quad;   /* same quad class */
    size_t actor_pairs;       /* root-level matches */
    size_t source_ok;         /* of those, the source actor code is the gold one */
    size_t target_ok;         /* the target actor code is the gold one */
    size_t both_ok;           /* both are */
    size_t empty_records;     /* gold records that expect no event */
    size_t empty_with_events; /* of those, records where events were found */
};

/* Score the event stage against gold JSON Lines in memory (format in
** docs/EVENTS.md): each line {"text":..., "date":... (optional), "events":
** [{"source":"USAGOV", "target":"IRN", "code":"111"}]}.  The pipeline must
** have the syntax models. */
ANNALS_API int annals_eval_events(const annals_pipeline *p, const char *jsonl, size_t len,
                                  struct annals_event_scores *out, char *errbuf,
                                  size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_H */
