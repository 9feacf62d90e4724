/* tone.c -- the tone stage: GDELT-style tone of every sentence and of the
** document, from a sentiment lexicon (tone.model, built from VADER's by
** tools/build_tone_lexicon.sh) with negation and intensifiers.
**
** Reads the words of the document; writes d->stone (one entry per
** sentence) and d->tone.  Definitions and rules: docs/TONE.md. */
#include "tone.h"
#include "doc.h"

#include <string.h>

#define NEGATION_REACH 3        /* a negator reverses the next three words */
#define NEGATED (-0.75)         /* "not good" counts as 0.75 of a negative word */
#define INTENSIFIED 1.3         /* "very bad" counts as 1.3 negative words */
#define DIMINISHED 0.7          /* "slightly better" counts as 0.7 */

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

uint32_t annals__tone_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)w[i];
        h *= 16777619u;
    }
    return h;
}

static int tone_validate(struct annals_tone_lexicon *t, char *err, size_t errlen)
{
    const struct model_section *w = annals__model_find(&t->m, "WORD");
    const struct model_section *s = annals__model_find(&t->m, "STRS");

    if (memcmp(t->m.kind, TONE_KIND, 4) != 0) {
        annals__fmt(err, errlen, "tone.model: model kind is not TON1");
        return ANNALS_EMODEL;
    }
    if (w == NULL || s == NULL) {
        annals__fmt(err, errlen, "tone.model: section %s missing", w == NULL ? "WORD" : "STRS");
        return ANNALS_EMODEL;
    }
    t->slots = w->data;
    t->n_slots = w->len / TONE_SLOT_SIZE;
    t->strs = s->data;
    t->strs_len = s->len;
    if (w->len % TONE_SLOT_SIZE != 0 || t->n_slots == 0 || (t->n_slots & (t->n_slots - 1))) {
        annals__fmt(err, errlen, "tone.model: section WORD: slot count is not a power of two");
        return ANNALS_EMODEL;
    }
    if (t->strs_len == 0 || t->strs[0] != '\0' || t->strs[t->strs_len - 1] != '\0') {
        annals__fmt(err, errlen, "tone.model: section STRS: must start and end with a NUL byte");
        return ANNALS_EMODEL;
    }
    for (size_t i = 0; i < t->n_slots; i++)
        if (le32(t->slots + i * TONE_SLOT_SIZE) >= t->strs_len) {
            annals__fmt(err, errlen, "tone.model: section WORD: slot %zu out of range", i);
            return ANNALS_EMODEL;
        }
    return ANNALS_OK;
}

static int tone_finish(const struct annals_alloc *a, struct annals_tone_lexicon *t,
                       struct annals_tone_lexicon **out, char *err, size_t errlen)
{
    int rc = tone_validate(t, err, errlen);
    if (rc != ANNALS_OK) {
        annals__tone_close(a, t);
        return rc;
    }
    *out = t;
    return ANNALS_OK;
}

int annals__tone_open(const struct annals_alloc *a, const char *path,
                      struct annals_tone_lexicon **out, char *err, size_t errlen)
{
    struct annals_tone_lexicon *t;
    int rc;

    *out = NULL;
    t = annals__malloc(a, sizeof *t);
    if (t == NULL) {
        annals__fmt(err, errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    memset(t, 0, sizeof *t);
    rc = annals__model_load(a, path, &t->m, err, errlen);
    if (rc != ANNALS_OK) {
        annals__free(a, t, sizeof *t);
        return rc;
    }
    return tone_finish(a, t, out, err, errlen);
}

int annals__tone_open_memory(const struct annals_alloc *a, const void *data, size_t len,
                             struct annals_tone_lexicon **out, char *err, size_t errlen)
{
    struct annals_tone_lexicon *t;
    int rc;

    *out = NULL;
    t = annals__malloc(a, sizeof *t);
    if (t == NULL) {
        annals__fmt(err, errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    memset(t, 0, sizeof *t);
    rc = annals__model_parse(data, len, "tone.model", &t->m, err, errlen);
    if (rc != ANNALS_OK) {
        annals__free(a, t, sizeof *t);
        return rc;
    }
    return tone_finish(a, t, out, err, errlen);
}

void annals__tone_close(const struct annals_alloc *a, struct annals_tone_lexicon *t)
{
    if (t == NULL)
        return;
    annals__model_free(&t->m);
    annals__free(a, t, sizeof *t);
}

int32_t annals__tone_valence(const struct annals_tone_lexicon *t, const char *w, size_t n)
{
    size_t mask = t->n_slots - 1, i = annals__tone_hash(w, n) & mask;
    for (size_t probes = 0; probes < t->n_slots; probes++, i = (i + 1) & mask) {
        const unsigned char *p = t->slots + i * TONE_SLOT_SIZE;
        uint32_t k = le32(p);
        if (k == 0)
            return 0;
        const char *s = (const char *)t->strs + k;
        if (strncmp(s, w, n) == 0 && s[n] == '\0')
            return (int32_t)le32(p + 4);
    }
    return 0;
}

/* ------------------------------------------------------------- lists */

static int in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return 1;
    return 0;
}

static const char *const negators[] = {
    "not", "n't", "no", "never", "without", "nor", "neither", "hardly", "cannot",
    "none", "nobody", "nothing", "nowhere", "barely", "scarcely", "lack", "lacks",
    "lacked", "lacking", "absent", NULL
};

static const char *const intensifiers[] = {
    "very", "extremely", "highly", "deeply", "so", "really", "most", "utterly", "totally",
    "seriously", "severely", "hugely", "greatly", "incredibly", "exceptionally",
    "particularly", "especially", "remarkably", "strongly", "bitterly", "gravely",
    "intensely", "terribly", "awfully", "truly", "absolutely", "completely", "entirely",
    "thoroughly", "too", "more", "increasingly", "fiercely", "sharply", NULL
};

static const char *const diminishers[] = {
    "slightly", "somewhat", "marginally", "partly", "partially", "fairly", "rather",
    "mildly", "moderately", "relatively", "less", "modestly", NULL
};

/* Activity words: verbs and nouns of action, written for news (see
** docs/TONE.md).  Inflected forms are listed, not stemmed. */
static const char *const activity[] = {
    "attack", "attacked", "attacks", "attacking", "fight", "fought", "fighting", "fights",
    "strike", "struck", "strikes", "striking", "march", "marched", "marching", "protest",
    "protested", "protesting", "protests", "kill", "killed", "killing", "kills", "arrest",
    "arrested", "arrests", "launch", "launched", "launches", "launching", "build", "built",
    "building", "builds", "move", "moved", "moving", "moves", "raid", "raided", "raids",
    "seize", "seized", "seizes", "storm", "stormed", "clash", "clashed", "clashes",
    "shoot", "shot", "shooting", "fire", "fired", "firing", "bomb", "bombed", "bombing",
    "invade", "invaded", "invasion", "advance", "advanced", "advancing", "retreat",
    "retreated", "push", "pushed", "pushing", "rush", "rushed", "race", "raced", "run",
    "ran", "running", "chase", "chased", "capture", "captured", "destroy", "destroyed",
    "rescue", "rescued", "evacuate", "evacuated", "deploy", "deployed", "dispatch",
    "dispatched", "sign", "signed", "signing", "vote", "voted", "voting", "elect",
    "elected", "campaign", "campaigned", "rally", "rallied", "demonstrate",
    "demonstrated", "block", "blocked", "blockade", "occupy", "occupied", "sweep",
    "swept", "hit", "hits", "hitting", "burn", "burned", "burnt", "blast", "blasted",
    "explode", "exploded", "crash", "crashed", "flee", "fled", "fleeing", "escape",
    "escaped", "drive", "drove", "driving", "travel", "travelled", "traveled", "visit",
    "visited", "visiting", "meet", "met", "meeting", "act", "acted", "acting", "action",
    "operation", "operations", "offensive", "assault", "assaulted", "mobilise",
    "mobilised", "mobilize", "mobilized", "intervene", "intervened", "respond",
    "responded", "surge", "surged", "battle", "battled", "battles", "counterattack",
    "patrol", "patrolled", "patrols", NULL
};

static const char *const self_words[] = {
    "i", "me", "my", "mine", "myself", NULL
};

static const char *const group_words[] = {
    "we", "us", "our", "ours", "ourselves", "they", "them", "their", "theirs",
    "themselves", NULL
};

/* ------------------------------------------------------------- stage */

/* Lower-case ASCII copy of w[0..n) into out (cap bytes); 0 when the word
** has no letter or digit or does not fit.  Curly apostrophes become '. */
static size_t lower_word(const char *w, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int alnum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 &&
            (unsigned char)w[i + 2] == 0x99) {
            c = '\'';
            i += 2;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            alnum = 1;
        if (o + 1 >= cap)
            return 0;
        out[o++] = (char)c;
    }
    return alnum ? o : 0;
}

static void add_tone(struct doc_tone *to, const struct doc_tone *from)
{
    to->words += from->words;
    to->pos += from->pos;
    to->neg += from->neg;
    to->pos_score += from->pos_score;
    to->neg_score += from->neg_score;
    to->activity += from->activity;
    to->self += from->self;
    to->group += from->group;
}

static void sentence_tone(const struct annals_tone_lexicon *lex, const annals_doc *d,
                          const struct doc_sentence *s, struct doc_tone *t)
{
    int negate_left = 0;        /* words still under a negator */
    double modifier = 1.0;      /* from the word just before */
    size_t w0, w1;

    memset(t, 0, sizeof *t);
    if (s->n_tokens == 0)
        return;
    w0 = d->tok.v[s->first_token].first_word;
    w1 = d->tok.v[s->first_token + s->n_tokens - 1].first_word +
         d->tok.v[s->first_token + s->n_tokens - 1].n_words;
    for (size_t w = w0; w < w1; w++) {
        char buf[TONE_MAX_WORD];
        size_t n = lower_word(d->word.v[w].form, d->word.v[w].form_len, buf, sizeof buf);
        double next_modifier = 1.0;
        int negator = 0;

        if (n == 0) {
            /* Punctuation ends the reach of a negator ("not, however, bad"
            ** keeps "bad" negative) except for hyphens and quotes. */
            const char *f = d->word.v[w].form;
            if (d->word.v[w].form_len == 1 && (f[0] == ',' || f[0] == ';' || f[0] == ':'))
                negate_left = 0;
            continue;
        }
        t->words++;
        if (in_list(buf, n, negators)) {
            negator = 1;
        } else if (in_list(buf, n, intensifiers)) {
            next_modifier = INTENSIFIED;
        } else if (in_list(buf, n, diminishers)) {
            next_modifier = DIMINISHED;
        }
        if (in_list(buf, n, activity))
            t->activity++;
        if (in_list(buf, n, self_words))
            t->self++;
        else if (in_list(buf, n, group_words))
            t->group++;
        if (!negator) {
            int32_t v = annals__tone_valence(lex, buf, n);
            if (v != 0) {
                double weight = modifier;
                if (negate_left > 0)
                    weight *= NEGATED;
                if (v < 0)
                    weight = -weight;
                if (weight > 0) {
                    t->pos++;
                    t->pos_score += weight;
                } else {
                    t->neg++;
                    t->neg_score -= weight;
                }
            }
        }
        /* A modifier passes over another modifier ("not very good"). */
        if (next_modifier != 1.0)
            modifier = modifier * next_modifier;
        else if (!negator)
            modifier = 1.0;
        if (negator)
            negate_left = NEGATION_REACH;
        else if (negate_left > 0 && next_modifier == 1.0)
            negate_left--;
    }
}

int annals__tone_run(const annals_pipeline *p, annals_doc *d)
{
    memset(&d->tone, 0, sizeof d->tone);
    d->stone.n = 0;
    for (size_t i = 0; i < d->sent.n; i++) {
        struct doc_tone *t = DOC_PUSH(d, d->stone);
        if (t == NULL)
            return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
        sentence_tone(p->tone, d, &d->sent.v[i], t);
        /* The document's tone is that of its text: bylines and captions
        ** are not the story. */
        int role = d->sent.v[i].role;
        if (role == ANNALS_ROLE_BODY || role == ANNALS_ROLE_HEADLINE)
            add_tone(&d->tone, t);
    }
    d->has_tone = 1;
    return ANNALS_OK;
}
