/* cmd_time.c -- "annals eval time": score the time stage against TimeML.
**
**   annals eval time [--dmy] [--errors] --gold F.tml [--gold F2.tml ...]
**
** Each file is a TempEval-3 style TimeML document: the value of the TIMEX3
** inside <DCT> is the publication date, and the content of <TEXT>, with its
** tags removed and entities decoded, is the article; its inline TIMEX3 tags
** are the gold expressions, their offsets counted in the tag-free text.
**
** Scores follow TempEval-3 (UzZaman et al., SemEval 2013, task A):
**   strict    extents equal;
**   relaxed   extents overlap;
**   P = matched system expressions / system expressions, R = matched gold
**   expressions / gold expressions, F1 their harmonic mean;
**   value and type: over relaxed matches, an expression counts as correct
**   when the attribute also agrees: P = correct / system, R = correct / gold.
** --errors lists, per document, the missed, spurious and wrongly valued
** expressions. */
#include "cli.h"

#include <annals.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gold {
    size_t start, end;
    char type[16];
    char value[48];
};

struct golds {
    struct gold *v;
    size_t n, cap;
};

struct tally {
    size_t gold, sys;
    size_t strict_g, strict_s, relaxed_g, relaxed_s;
    size_t value_g, value_s, type_g, type_s;
};

/* Copy attribute name="..." of the tag tag[0..n) into out; "" if absent. */
static void attr(const char *tag, size_t n, const char *name, char *out, size_t cap)
{
    size_t k = strlen(name);
    out[0] = '\0';
    for (size_t i = 0; i + k + 2 <= n; i++) {
        if ((i == 0 || tag[i - 1] == ' ' || tag[i - 1] == '\t' || tag[i - 1] == '\n') &&
            memcmp(tag + i, name, k) == 0 && tag[i + k] == '=' && tag[i + k + 1] == '"') {
            size_t s = i + k + 2, e = s;
            while (e < n && tag[e] != '"')
                e++;
            if (e - s >= cap)
                e = s + cap - 1;
            memcpy(out, tag + s, e - s);
            out[e - s] = '\0';
            return;
        }
    }
}

static const char *find(const char *s, const char *end, const char *w)
{
    size_t k = strlen(w);
    for (; s + k <= end; s++)
        if (*s == w[0] && memcmp(s, w, k) == 0)
            return s;
    return NULL;
}

/* Parse one TimeML document: DCT into dct (10 bytes + NUL, "" if none), the
** tag-free text into *text, gold expressions into g.  Returns 0 or -1 with a
** reason in why. */
static int parse_tml(const char *buf, size_t len, char dct[11], char **text,
                     size_t *text_len, struct golds *g, const char **why)
{
    const char *end = buf + len, *p, *q, *te;
    char v[48];
    size_t n = 0, open = (size_t)-1;
    char *out;

    dct[0] = '\0';
    p = find(buf, end, "<DCT>");
    if (p != NULL) {
        q = find(p, end, "</DCT>");
        const char *t = find(p, q != NULL ? q : end, "<TIMEX3");
        if (t != NULL) {
            const char *gt = memchr(t, '>', (size_t)(end - t));
            if (gt != NULL) {
                attr(t, (size_t)(gt - t), "value", v, sizeof v);
                if (strlen(v) >= 10) {
                    memcpy(dct, v, 10);
                    dct[10] = '\0';
                }
            }
        }
    }
    p = find(buf, end, "<TEXT>");
    if (p == NULL) {
        *why = "no <TEXT> element";
        return -1;
    }
    p += 6;
    te = find(p, end, "</TEXT>");
    if (te == NULL) {
        *why = "no </TEXT>";
        return -1;
    }
    out = malloc((size_t)(te - p) + 1);
    if (out == NULL) {
        *why = "out of memory";
        return -1;
    }
    while (p < te) {
        if (*p == '<') {
            const char *gt = memchr(p, '>', (size_t)(te - p));
            if (gt == NULL) {
                free(out);
                *why = "unterminated tag";
                return -1;
            }
            size_t tn = (size_t)(gt - p);
            if (tn >= 7 && memcmp(p, "<TIMEX3", 7) == 0) {
                if (g->n == g->cap) {
                    size_t ncap = g->cap == 0 ? 64 : g->cap * 2;
                    struct gold *nv = realloc(g->v, ncap * sizeof *nv);
                    if (nv == NULL) {
                        free(out);
                        *why = "out of memory";
                        return -1;
                    }
                    g->v = nv;
                    g->cap = ncap;
                }
                struct gold *x = &g->v[g->n];
                attr(p, tn, "type", x->type, sizeof x->type);
                attr(p, tn, "value", x->value, sizeof x->value);
                x->start = x->end = n;
                open = g->n++;
            } else if (tn >= 8 && memcmp(p, "</TIMEX3", 8) == 0 && open != (size_t)-1) {
                g->v[open].end = n;
                open = (size_t)-1;
            }
            p = gt + 1;
            continue;
        }
        if (*p == '&') {
            static const struct { const char *e; char c; } ent[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
            size_t k;
            for (k = 0; k < sizeof ent / sizeof ent[0]; k++) {
                size_t el = strlen(ent[k].e);
                if ((size_t)(te - p) >= el && memcmp(p, ent[k].e, el) == 0) {
                    out[n++] = ent[k].c;
                    p += el;
                    break;
                }
            }
            if (k < sizeof ent / sizeof ent[0])
                continue;
        }
        out[n++] = *p++;
    }
    out[n] = '\0';
    *text = out;
    *text_len = n;
    return 0;
}

static int overlap(size_t a, size_t b, size_t c, size_t d) { return a < d && c < b; }

static void show(const char *tag, const char *text, size_t s, size_t e, const char *type,
                 const char *value, const char *want)
{
    printf("  %-6s %-26.*s %-8s %-16s", tag, (int)(e - s), text + s, type, value);
    if (want != NULL)
        printf(" gold %s", want);
    printf("\n");
}

/* Score one document's system output against its gold expressions. */
static void score(const annals_doc *d, const struct golds *g, const char *text,
                  struct tally *t, int errors, const char *path)
{
    size_t ns = annals_doc_time_count(d);
    int header = 0;

    t->gold += g->n;
    t->sys += ns;
    for (size_t i = 0; i < g->n; i++) {
        const struct gold *x = &g->v[i];
        int strict = 0, relaxed = 0;
        for (size_t j = 0; j < ns; j++) {
            struct annals_time_info s;
            annals_doc_time(d, j, &s);
            if (!overlap(x->start, x->end, s.span.start, s.span.end))
                continue;
            strict |= s.span.start == x->start && s.span.end == x->end;
            if (relaxed)
                continue;
            relaxed = 1;
            const char *sv = s.value != NULL ? s.value : "";
            int vok = strcmp(sv, x->value) == 0;
            t->value_g += vok;
            t->type_g += strcmp(annals_time_type_name(s.type), x->type) == 0;
            if (!vok && errors) {
                if (!header++)
                    printf("%s\n", path);
                show("VALUE", text, s.span.start, s.span.end, annals_time_type_name(s.type),
                     s.value != NULL ? s.value : "null", x->value);
            }
        }
        t->strict_g += strict;
        t->relaxed_g += relaxed;
        if (!relaxed && errors) {
            if (!header++)
                printf("%s\n", path);
            show("MISS", text, x->start, x->end, x->type, x->value, NULL);
        }
    }
    for (size_t j = 0; j < ns; j++) {
        struct annals_time_info s;
        int strict = 0, relaxed = 0;
        annals_doc_time(d, j, &s);
        for (size_t i = 0; i < g->n; i++) {
            const struct gold *x = &g->v[i];
            if (!overlap(x->start, x->end, s.span.start, s.span.end))
                continue;
            strict |= s.span.start == x->start && s.span.end == x->end;
            if (relaxed)
                continue;
            relaxed = 1;
            t->value_s += strcmp(s.value != NULL ? s.value : "", x->value) == 0;
            t->type_s += strcmp(annals_time_type_name(s.type), x->type) == 0;
        }
        t->strict_s += strict;
        t->relaxed_s += relaxed;
        if (!relaxed && errors) {
            if (!header++)
                printf("%s\n", path);
            show("EXTRA", text, s.span.start, s.span.end, annals_time_type_name(s.type),
                 s.value != NULL ? s.value : "null", NULL);
        }
    }
}

static void print_row(const char *name, size_t ok_s, size_t ok_g, const struct tally *t)
{
    double p = t->sys ? 100.0 * (double)ok_s / (double)t->sys : 0.0;
    double r = t->gold ? 100.0 * (double)ok_g / (double)t->gold : 0.0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    printf("%-10s %8.2f %8.2f %8.2f %9zu %9zu %9zu\n", name, p, r, f, t->gold, t->sys, ok_g);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: annals eval time [--dmy] [--errors] --gold F.tml [--gold F2.tml ...]\n");
}

int eval_time(int argc, char **argv)
{
    struct annals_options opt;
    struct tally t;
    annals_pipeline *p;
    annals_doc *d;
    char err[512];
    int errors = 0, ngold = 0, failed = 0;
    size_t docs = 0;

    annals_options_init(&opt);
    memset(&t, 0, sizeof t);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--gold") == 0 && i + 1 < argc) {
            ngold++;
            i++;
        } else if (strcmp(argv[i], "--dmy") == 0) {
            opt.date_order = ANNALS_DATE_DMY;
        } else if (strcmp(argv[i], "--errors") == 0) {
            errors = 1;
        } else {
            fprintf(stderr, "annals eval time: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (ngold == 0) {
        usage(stderr);
        return 2;
    }
    if (annals_pipeline_open(&opt, &p, err, sizeof err) != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s\n", err);
        return 2;
    }
    if (annals_doc_new(p, &d) != ANNALS_OK) {
        annals_pipeline_close(p);
        fprintf(stderr, "annals eval: out of memory\n");
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--gold") != 0)
            continue;
        const char *path = argv[++i], *why = NULL;
        struct golds g = {NULL, 0, 0};
        char dct[11], *text = NULL;
        size_t len, text_len;
        char *buf = cli_read_file(path, &len);

        if (buf == NULL) {
            fprintf(stderr, "annals eval: %s: %s\n", path, strerror(errno));
            failed = 1;
            continue;
        }
        if (parse_tml(buf, len, dct, &text, &text_len, &g, &why) != 0) {
            fprintf(stderr, "annals eval: %s: %s\n", path, why);
            free(buf);
            free(g.v);
            failed = 1;
            continue;
        }
        annals_doc_reset(d);
        if (dct[0] != '\0' &&
            annals_doc_set_meta(d, ANNALS_META_DATE, dct, strlen(dct)) != ANNALS_OK)
            fprintf(stderr, "annals eval: %s: DCT %s ignored: %s\n", path, dct,
                    annals_doc_errmsg(d));
        if (annals_annotate(p, d, text, text_len) != ANNALS_OK) {
            fprintf(stderr, "annals eval: %s: %s\n", path, annals_doc_errmsg(d));
            failed = 1;
        } else {
            score(d, &g, text, &t, errors, path);
            docs++;
        }
        free(text);
        free(buf);
        free(g.v);
    }
    annals_doc_free(d);
    annals_pipeline_close(p);
    printf("%-10s %8s %8s %8s %9s %9s %9s\n", "timex", "P", "R", "F1", "gold", "system",
           "correct");
    print_row("strict", t.strict_s, t.strict_g, &t);
    print_row("relaxed", t.relaxed_s, t.relaxed_g, &t);
    print_row("value", t.value_s, t.value_g, &t);
    print_row("type", t.type_s, t.type_g, &t);
    printf("documents  %zu\n", docs);
    return failed ? 1 : 0;
}
