/* train_parser.c -- `annals train parser`: averaged perceptron training of
** the arc-hybrid parser with a dynamic oracle and exploration (Goldberg and
** Nivre 2013), on tags from 10-fold jackknifed taggers.  Non-projective training trees are first made projective by
** lifting their crossing arcs (the lifted words keep their relation).  The
** development data (gold tags) is parsed after each epoch and the epoch
** with the best LAS is kept.  Writes a DEP1 model (docs/MODEL-FORMAT.md). */
#include "parser.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_EPOCHS 15
#define EXPLORE_FROM 2          /* first epoch that follows wrong predictions */
#define EXPLORE_P 90            /* ... this often (percent) */
#define PRUNE 0.001f
#define JACKKNIFE_FOLDS 10     /* folds for the training tags */
#define ALT_MARGIN 20.0f       /* a tag whose margin is below this brings its
                                   second-best tag (docs/SYNTAX.md#parser) */

/* 1 if d's head arc (h[d]) crosses some word it does not dominate. */
static int nonprojective(const int *h, int n, int d)
{
    int hd = h[d], lo = hd < d ? hd : d, hi = hd < d ? d : hd;
    for (int k = lo + 1; k < hi; k++) {
        int x = k, steps = 0;
        while (x != hd && x != 0 && steps++ <= n)
            x = h[x];
        if (x != hd)
            return 1;
    }
    return 0;
}

/* Lift non-projective arcs, shortest first, to the head's head until the
** tree (h[1..n], 0 = root) is projective.  Returns the number of lifts. */
static int projectivize(int *h, int n)
{
    int lifts = 0;
    for (;;) {
        int best = 0, span = 0;
        for (int d = 1; d <= n; d++) {
            int sp = h[d] > d ? h[d] - d : d - h[d];
            if (h[d] != 0 && (best == 0 || sp < span) && nonprojective(h, n, d)) {
                best = d;
                span = sp;
            }
        }
        if (best == 0 || lifts > 4 * n)
            return lifts;
        h[best] = h[h[best]];
        lifts++;
    }
}

/* Does word x have gold dependents at or after buffer position b? */
static int deps_after(const int *gh, int n, int x, int b)
{
    for (int d = b; d <= n; d++)
        if (gh[d] == x)
            return 1;
    return 0;
}

/* zc[c] = 1 for each valid class that loses no reachable gold arc. */
static void zero_cost(const struct parser *p, const struct ps_state *st, const int *gh,
                      const int *gl, const unsigned char *valid, unsigned char *zc)
{
    int L = (int)p->labels.n, n = st->n, b = st->b;
    int s0 = st->depth >= 1 ? st->stack[st->depth - 1] : 0;
    int s1 = st->depth >= 2 ? st->stack[st->depth - 2] : 0;
    memset(zc, 0, (size_t)(2 * L + 1));
    if (valid[PS_SHIFT]) {
        int cost = 0;
        for (int i = 0; i < st->depth && !cost; i++) {
            int k = st->stack[i];
            cost = gh[k] == b || (gh[b] == k && k != s0);
        }
        zc[PS_SHIFT] = !cost;
    }
    if (s0 != 0) {
        int lost_deps = deps_after(gh, n, s0, b);
        int left_ok, right_ok;
        if (gh[s0] == b)
            left_ok = !lost_deps;
        else
            left_ok = !(gh[s0] == s1 || gh[s0] > b || lost_deps);
        if (gh[s0] == s1 && s1 != 0)
            right_ok = !lost_deps;
        else
            right_ok = !(gh[s0] >= b || lost_deps);
        for (int l = 0; l < L; l++) {
            if (valid[PS_LEFT(L, l)] && left_ok)
                zc[PS_LEFT(L, l)] = gh[s0] != b || gl[s0] == l;
            if (valid[PS_RIGHT(L, l)] && right_ok)
                zc[PS_RIGHT(L, l)] = gh[s0] != s1 || gl[s0] == l;
        }
    }
}

struct gold {
    int *h;                     /* per corpus word, sentence-relative, root = n+1 */
    int *l;
};

/* Gold heads (projectivised) and relations of every word of tc. */
static int read_gold(const struct train_ctx *c, const struct tcorpus *tc,
                     const struct labelset *ls, struct gold *g, int lift, size_t *lifted)
{
    *lifted = 0;
    for (size_t s = 0; s < tc->c.n_sent; s++) {
        const struct conllu_sentence *cs = &tc->c.sent[s];
        int n = (int)cs->n_words;
        int *h = g->h + cs->first_word - 1;     /* 1-based view */
        for (int i = 1; i <= n; i++) {
            const struct conllu_word *w = &tc->c.word[cs->first_word + (size_t)i - 1];
            if (w->head < 0 || w->head > n) {
                annals__fmt(c->err, c->errlen, "sentence at line %llu: word %d has no "
                            "valid head", (unsigned long long)cs->line, i);
                return ANNALS_EFORMAT;
            }
            h[i] = w->head;
            g->l[cs->first_word + (size_t)i - 1] =
                annals__labels_find(ls, w->col[CONLLU_DEPREL].s, w->col[CONLLU_DEPREL].n);
        }
        if (lift)
            *lifted += (size_t)projectivize(h, n);
        for (int i = 1; i <= n; i++)
            if (h[i] == 0)
                h[i] = n + 1;
    }
    return ANNALS_OK;
}

/* Gold tags as the tagger would give them. */
static void gold_tags(struct tcorpus *tc)
{
    char buf[256];
    for (size_t i = 0; i < tc->c.n_word; i++) {
        const struct conllu_word *w = &tc->c.word[i];
        int k = snprintf(buf, sizeof buf, "%.*s\t%.*s", (int)w->col[CONLLU_UPOS].n,
                         w->col[CONLLU_UPOS].s, (int)w->col[CONLLU_XPOS].n,
                         w->col[CONLLU_XPOS].s);
        tc->w[i].tag_hash = annals__hash_bytes(buf, (size_t)k < sizeof buf ? (size_t)k : 0);
    }
}

static size_t uprefix(const char *s, size_t n)
{
    const char *c = memchr(s, ':', n);
    return c != NULL ? (size_t)(c - s) : n;
}

static int score_dev(const struct parser *p, struct tcorpus *dev, struct syn_scratch *s,
                     double *uas, double *las)
{
    size_t ok_u = 0, ok_l = 0, n = dev->c.n_word;
    for (size_t i = 0; i < dev->c.n_sent; i++) {
        const struct conllu_sentence *cs = &dev->c.sent[i];
        int rc = annals__parser_parse(p, dev->w + cs->first_word, cs->n_words, s);
        if (rc != ANNALS_OK)
            return rc;
    }
    for (size_t i = 0; i < n; i++) {
        const struct conllu_word *g = &dev->c.word[i];
        const struct syn_word *w = &dev->w[i];
        if (g->head == w->head) {
            size_t a = uprefix(g->col[CONLLU_DEPREL].s, g->col[CONLLU_DEPREL].n);
            size_t b = uprefix(w->deprel_s, w->deprel_len);
            ok_u++;
            ok_l += a == b && memcmp(g->col[CONLLU_DEPREL].s, w->deprel_s, a) == 0;
        }
    }
    *uas = n ? 100.0 * (double)ok_u / (double)n : 0;
    *las = n ? 100.0 * (double)ok_l / (double)n : 0;
    return ANNALS_OK;
}

static int save(const struct train_ctx *c, const struct tcorpus *train, const struct parser *p,
                float prune, int epochs, int best_epoch, double uas, double las)
{
    struct model_writer w;
    struct annals_buf *b;
    char extra[160];
    int rc = ANNALS_OK;

    annals__mw_init(&w, c->alloc, "DEP1");
    snprintf(extra, sizeof extra, "dev_uas_gold_tags=%.2f\ndev_las_gold_tags=%.2f\n", uas, las);
    rc |= annals__meta_write(&w, c, (const char *)train->data, train->len,
                             c->opt->dev_path != NULL ? extra : NULL);
    b = annals__mw_section(&w, "FEAT");
    if (b == NULL)
        rc = ANNALS_ENOMEM;
    else {
        rc |= annals__buf_printf(b, "system=%s\n", PS_SYSTEM);
        rc |= annals__templates_write(b, annals__ps_template_names, PT_N_TEMPLATES, p->tmask);
        rc |= annals__buf_printf(b, "alt_margin=%g\n", (double)p->alt_margin);
        if (c->opt->beam > 1)
            rc |= annals__buf_printf(b, "beam=%d\n", c->opt->beam);
        if (c->opt->beam_temperature > 0)
            rc |= annals__buf_printf(b, "beam_temperature=%g\n", c->opt->beam_temperature);
        if (c->opt->beam_drop > 0)
            rc |= annals__buf_printf(b, "beam_drop=%g\n", c->opt->beam_drop);
        rc |= annals__buf_printf(b, "words=lower-case form\ntags=hash of UPOS<tab>XPOS\n"
                                    "training=dynamic oracle, explore from epoch %d at %d%%\n"
                                    "training_tags=%d-fold jackknifed tagger\n"
                                    "nonprojective=lifted in training\nprune=%.4f\n"
                                    "epochs=%d\nbest_epoch=%d\n",
                                 EXPLORE_FROM, EXPLORE_P, JACKKNIFE_FOLDS, (double)prune, epochs,
                                 best_epoch);
    }
    b = annals__mw_section(&w, "LABL");
    rc |= b != NULL ? annals__labels_save(&p->labels, b) : ANNALS_ENOMEM;
    b = annals__mw_section(&w, "WGHT");
    rc |= b != NULL ? annals__pm_save(&p->pm, b) : ANNALS_ENOMEM;
    return annals__train_write(&w, c, rc);
}

/* Every template but those the options leave out. */
static int template_mask(const struct train_ctx *c, uint64_t mask[2])
{
    uint64_t without[2] = {0, 0};
    const char *w = c->opt->without_templates;
    if (w != NULL && *w != '\0') {
        int rc = annals__templates_parse("without_templates", w, strlen(w),
                                         annals__ps_template_names, PT_N_TEMPLATES, without,
                                         c->err, c->errlen);
        if (rc != ANNALS_OK)
            return ANNALS_EINVAL;
    }
    mask[0] = mask[1] = 0;
    for (int i = 0; i < PT_N_TEMPLATES; i++)
        if (!(without[i / 64] & (uint64_t)1 << (i % 64)))
            mask[i / 64] |= (uint64_t)1 << (i % 64);
    if (mask[0] == 0 && mask[1] == 0) {
        annals__fmt(c->err, c->errlen, "without_templates: no feature templates left");
        return ANNALS_EINVAL;
    }
    return ANNALS_OK;
}

int annals__train_parser(const struct train_ctx *c)
{
    struct tcorpus train, dev;
    struct parser p;
    struct percep_train pt;
    struct percep_model best;
    struct syn_scratch scratch;
    struct conllu_str *names = NULL;
    struct gold g = {NULL, NULL};
    unsigned char *mem = NULL, *valid, *zc;
    uint32_t *order = NULL;
    float *scores;
    size_t nw = 0, lifted = 0, mem_size = 0, nc;
    int epochs = c->opt->epochs > 0 ? c->opt->epochs : DEFAULT_EPOCHS, best_epoch = 0;
    double best_las = -1, best_uas = 0;
    uint64_t rng = c->opt->seed ^ 0x7061727365720000ull;
    float prune = c->opt->prune > 0 ? (float)c->opt->prune : PRUNE;
    int rc;

    if (c->opt->beam < 0 || c->opt->beam > PS_MAX_BEAM || !(c->opt->beam_temperature >= 0) ||
        !(c->opt->beam_drop >= 0)) {
        annals__fmt(c->err, c->errlen, "beam must be 0 to %d and its temperature and drop 0 or "
                    "more", PS_MAX_BEAM);
        return ANNALS_EINVAL;
    }
    memset(&p, 0, sizeof p);
    rc = template_mask(c, p.tmask);
    if (rc != ANNALS_OK)
        return rc;
    memset(&pt, 0, sizeof pt);
    memset(&best, 0, sizeof best);
    memset(&dev, 0, sizeof dev);
    annals__scratch_init(&scratch, c->alloc);
    p.alloc = c->alloc;
    rc = annals__tcorpus_load(c, c->opt->train_path, &train);
    if (rc != ANNALS_OK)
        return rc;
    if (c->opt->dev_path != NULL) {
        rc = annals__tcorpus_load(c, c->opt->dev_path, &dev);
        if (rc != ANNALS_OK)
            goto out;
        gold_tags(&dev);
    }
    nw = train.c.n_word;
    if (nw == 0) {
        annals__fmt(c->err, c->errlen, "%s: no words", c->opt->train_path);
        rc = ANNALS_EFORMAT;
        goto out;
    }
    /* Train on the tags a tagger gives to unseen text, not on gold tags. */
    rc = annals__tagger_jackknife(c, &train, JACKKNIFE_FOLDS,
                                  dev.c.n_word > 0 ? &dev : NULL);
    if (rc != ANNALS_OK)
        goto out;
    names = annals__malloc(c->alloc, nw * sizeof *names);
    g.h = annals__malloc(c->alloc, nw * sizeof *g.h);
    g.l = annals__malloc(c->alloc, nw * sizeof *g.l);
    order = annals__malloc(c->alloc, train.c.n_sent * sizeof *order);
    if (names == NULL || g.h == NULL || g.l == NULL || order == NULL)
        goto oom;
    for (size_t i = 0; i < nw; i++)
        names[i] = train.c.word[i].col[CONLLU_DEPREL];
    rc = annals__labels_build(c->alloc, names, nw, &p.labels);
    if (rc != ANNALS_OK)
        goto oom;
    p.root_label = annals__labels_find(&p.labels, "root", 4);
    if (p.root_label < 0) {
        annals__fmt(c->err, c->errlen, "%s: no \"root\" relation", c->opt->train_path);
        rc = ANNALS_EFORMAT;
        goto out;
    }
    rc = read_gold(c, &train, &p.labels, &g, 1, &lifted);
    if (rc != ANNALS_OK)
        goto out;
    nc = 2 * (size_t)p.labels.n + 1;
    annals__train_say(c, "parser: %zu sentences, %zu words, %u relations, %zu arcs lifted",
                      train.c.n_sent, nw, (unsigned)p.labels.n, lifted);
    p.alt_margin = ALT_MARGIN;
    p.beam = 1;
    rc = annals__pt_init(&pt, c->alloc, (uint32_t)nc);
    if (rc != ANNALS_OK)
        goto oom;
    mem_size = annals__ps_state_size(SYN_MAX_WORDS) + nc * sizeof(float) + 2 * nc + 16;
    mem = annals__malloc(c->alloc, mem_size);
    if (mem == NULL)
        goto oom;
    scores = (float *)(mem + annals__ps_state_size(SYN_MAX_WORDS));
    valid = (unsigned char *)(scores + nc);
    zc = valid + nc;
    for (size_t s = 0; s < train.c.n_sent; s++)
        order[s] = (uint32_t)s;
    for (int ep = 1; ep <= epochs; ep++) {
        size_t seen = 0, right = 0;
        double t0 = annals__now();
        for (size_t s = train.c.n_sent; s > 1; s--) {
            size_t j = (size_t)(annals__rand(&rng) % s);
            uint32_t tmp = order[s - 1];
            order[s - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t s = 0; s < train.c.n_sent; s++) {
            const struct conllu_sentence *cs = &train.c.sent[order[s]];
            const int *gh = g.h + cs->first_word - 1, *gl = g.l + cs->first_word - 1;
            struct ps_state st;
            annals__ps_state_init(&p, &st, mem, train.w + cs->first_word, (int)cs->n_words);
            while (!annals__ps_terminal(&st)) {
                uint64_t keys[PS_MAX_FEATS];
                size_t nk = annals__ps_features(&st, p.tmask, keys);
                int pred = -1, gold = -1;
                memset(scores, 0, nc * sizeof *scores);
                annals__pt_score(&pt, keys, nk, scores);
                annals__ps_valid(&p, &st, valid);
                zero_cost(&p, &st, gh, gl, valid, zc);
                for (size_t k = 0; k < nc; k++) {
                    if (valid[k] && (pred < 0 || scores[k] > scores[pred]))
                        pred = (int)k;
                    if (zc[k] && (gold < 0 || scores[k] > scores[gold]))
                        gold = (int)k;
                }
                if (gold >= 0) {
                    seen++;
                    if (zc[pred])
                        right++;
                    else {
                        rc = annals__pt_update(&pt, keys, nk, (unsigned)gold, (unsigned)pred);
                        if (rc != ANNALS_OK)
                            goto oom;
                    }
                    annals__pt_tick(&pt);
                }
                if (gold >= 0 && !zc[pred] &&
                    !(ep >= EXPLORE_FROM && annals__rand(&rng) % 100 < EXPLORE_P))
                    pred = gold;
                annals__ps_apply(&p, &st, pred);
            }
        }
        annals__pm_free(&p.pm);
        rc = annals__pt_average(&pt, prune, &p.pm);
        if (rc != ANNALS_OK)
            goto oom;
        double u = 0, l = 0;
        if (dev.c.n_word > 0) {
            rc = score_dev(&p, &dev, &scratch, &u, &l);
            if (rc != ANNALS_OK)
                goto out;
        }
        annals__train_say(c, "epoch %d/%d: train %.2f%% of %zu transitions right; dev (gold "
                          "tags) UAS %.2f LAS %.2f; %u features, %u weights; %.1f s",
                          ep, epochs, seen ? 100.0 * (double)right / (double)seen : 0.0, seen,
                          u, l, (unsigned)p.pm.n_feats, (unsigned)p.pm.n_entries,
                          annals__now() - t0);
        if (dev.c.n_word == 0 || l > best_las) {
            best_las = l;
            best_uas = u;
            best_epoch = ep;
            annals__pm_free(&best);
            best = p.pm;
            memset(&p.pm, 0, sizeof p.pm);
        }
    }
    annals__pm_free(&p.pm);
    p.pm = best;
    memset(&best, 0, sizeof best);
    annals__train_say(c, "keeping epoch %d (dev UAS %.2f LAS %.2f)", best_epoch, best_uas,
                      best_las);
    rc = save(c, &train, &p, prune, epochs, best_epoch, best_uas, best_las);
    goto out;
oom:
    rc = ANNALS_ENOMEM;
    annals__fmt(c->err, c->errlen, "out of memory");
out:
    annals__scratch_free(&scratch);
    annals__free(c->alloc, mem, mem_size);
    annals__pm_free(&best);
    annals__pm_free(&p.pm);
    annals__pt_free(&pt);
    annals__labels_free(c->alloc, &p.labels);
    annals__free(c->alloc, names, nw * sizeof *names);
    annals__free(c->alloc, g.h, nw * sizeof *g.h);
    annals__free(c->alloc, g.l, nw * sizeof *g.l);
    annals__free(c->alloc, order, train.c.n_sent * sizeof *order);
    annals__tcorpus_free(c, &dev);
    annals__tcorpus_free(c, &train);
    return rc;
}
