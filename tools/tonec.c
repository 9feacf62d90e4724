/* tonec.c -- compile the tone lexicon (models/tone.model, kind TON1).
**
**   tonec LEXICON.tsv SOURCE OUT
**
** LEXICON.tsv: word <TAB> mean valence (-4..4), lower-case words only, as
** tools/build_tone_lexicon.sh extracts them from VADER's lexicon.  SOURCE is
** recorded in META.  Layout: docs/TONE.md. */
#include "tone.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "tonec: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

static void *libc_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

int main(int argc, char **argv)
{
    struct annals_alloc al = {libc_alloc, NULL};
    struct model_writer w;
    struct annals_buf strs, *b;
    static uint32_t key[1 << 15];
    static int32_t val[1 << 15];
    size_t n_slots = 1 << 15, n = 0;
    char line[512], err[512], meta[1024];
    FILE *f;

    if (argc != 4)
        die("usage: tonec LEXICON.tsv SOURCE OUT", NULL);
    f = fopen(argv[1], "r");
    if (f == NULL)
        die("cannot read", argv[1]);
    annals__buf_init(&strs, &al, 0);
    if (annals__buf_addc(&strs, '\0') != ANNALS_OK)
        die("out of memory", NULL);
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t'), *end;
        line[strcspn(line, "\r\n")] = '\0';
        if (tab == NULL)
            die("bad line", line);
        *tab = '\0';
        size_t len = strlen(line);
        double v = strtod(tab + 1, &end);
        if (len == 0 || len >= TONE_MAX_WORD || end == tab + 1 || v < -4.0 || v > 4.0)
            die("bad entry", line);
        if (v == 0.0)
            continue;
        if (n * 2 >= n_slots)
            die("too many words", NULL);
        size_t h = annals__tone_hash(line, len) & (n_slots - 1);
        int dup = 0;
        while (key[h] != 0 && !dup) {
            dup = strcmp(strs.data + key[h], line) == 0;
            if (!dup)
                h = (h + 1) & (n_slots - 1);
        }
        if (dup)
            continue;           /* the first entry of a word wins */
        key[h] = (uint32_t)strs.len;
        val[h] = (int32_t)(v * 1000.0 + (v < 0 ? -0.5 : 0.5));
        if (annals__buf_add(&strs, line, len + 1) != ANNALS_OK)
            die("out of memory", NULL);
        n++;
    }
    fclose(f);
    annals__mw_init(&w, &al, TONE_KIND);
    b = annals__mw_section(&w, "META");
    snprintf(meta, sizeof meta,
             "builder=tools/tonec.c\nsource=%s\nwords=%zu\n"
             "licence=Apache-2.0 (vader-sentiment); see models/ATTRIBUTION.md\n",
             argv[2], n);
    annals__buf_add(b, meta, strlen(meta));
    b = annals__mw_section(&w, "FEAT");
    const char *feat = "case=lower-ascii\nhash=fnv1a32\nvalence=mean*1000\n";
    annals__buf_add(b, feat, strlen(feat));
    b = annals__mw_section(&w, "LABL");
    annals__buf_add(b, "positive\nnegative\n", 18);
    b = annals__mw_section(&w, "WORD");
    for (size_t i = 0; i < n_slots; i++) {
        annals__mw_u32(b, key[i]);
        annals__mw_u32(b, (uint32_t)val[i]);
    }
    b = annals__mw_section(&w, "STRS");
    if (annals__buf_add(b, strs.data, strs.len) != ANNALS_OK)
        die("out of memory", NULL);
    if (annals__mw_save(&w, argv[3], err, sizeof err) != ANNALS_OK)
        die(err, NULL);
    fprintf(stderr, "tonec: %zu words -> %s\n", n, argv[3]);
    annals__mw_free(&w);
    annals__buf_free(&strs);
    return 0;
}
