/* annals.c -- versions, status strings, options, the allocator choke point
** and the pipeline object.  The only file that calls the C allocator. */
#include "internal.h"
#include "model.h"
#include "ner.h"
#include "syntax.h"
#include "gazetteer.h"
#include "tone.h"
#include "ontology.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int annals_version_number(void)
{
    return ANNALS_VERSION_MAJOR * 10000 + ANNALS_VERSION_MINOR * 100 +
           ANNALS_VERSION_PATCH;
}

const char *annals_strerror(int status)
{
    switch (status) {
    case ANNALS_OK: return "success";
    case ANNALS_DONE: return "no more records";
    case ANNALS_ENOMEM: return "out of memory";
    case ANNALS_EINVAL: return "invalid argument";
    case ANNALS_EIO: return "input/output error";
    case ANNALS_ETOOBIG: return "input over a configured limit";
    case ANNALS_EUTF8: return "invalid UTF-8";
    case ANNALS_EFORMAT: return "malformed input";
    case ANNALS_EMODEL: return "bad model file";
    default: return "unknown status";
    }
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

void *annals__malloc(const struct annals_alloc *a, size_t n)
{
    return a->fn(a->ud, NULL, 0, n == 0 ? 1 : n);
}

void *annals__realloc(const struct annals_alloc *a, void *p, size_t osize,
                      size_t nsize)
{
    return a->fn(a->ud, p, osize, nsize == 0 ? 1 : nsize);
}

void annals__free(const struct annals_alloc *a, void *p, size_t size)
{
    if (p != NULL)
        a->fn(a->ud, p, size, 0);
}

void annals__fmt(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    if (cap == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
}

void annals_options_init(struct annals_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->max_doc_bytes = (size_t)16 << 20;
    opt->max_sentence_tokens = 1000;
    opt->utf8_policy = ANNALS_UTF8_REJECT;
    opt->model_dir = NULL;
    opt->ner_model = NULL;
    opt->stages = ANNALS_STAGES_ALL;
}

void annals_free(const annals_pipeline *p, void *mem, size_t len)
{
    if (p != NULL)
        annals__free(&p->alloc, mem, len);
}

/* Build dir/name into path; 1 if that file exists.  The gazetteer
** (geo.model) and the tone lexicon (tone.model) are optional, but a present
** file must be sound. */
static int model_file(const char *dir, const char *name, char *path, size_t cap)
{
    struct stat st;
    annals__fmt(path, cap, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

int annals_pipeline_open(const struct annals_options *opt, annals_pipeline **out,
                         char *errbuf, size_t errlen)
{
    struct annals_options o;
    struct annals_alloc a;
    annals_pipeline *p;
    char ner_path[4096];

    if (out == NULL)
        return ANNALS_EINVAL;
    *out = NULL;
    if (opt != NULL)
        o = *opt;
    else
        annals_options_init(&o);
    if (o.max_doc_bytes == 0 || o.max_doc_bytes > UINT32_MAX - 1) {
        annals__fmt(errbuf, errlen, "max_doc_bytes must be between 1 and %u",
                    (unsigned)(UINT32_MAX - 1));
        return ANNALS_EINVAL;
    }
    if (o.max_sentence_tokens == 0) {
        annals__fmt(errbuf, errlen, "max_sentence_tokens must be at least 1");
        return ANNALS_EINVAL;
    }
    if (o.utf8_policy != ANNALS_UTF8_REJECT && o.utf8_policy != ANNALS_UTF8_REPLACE) {
        annals__fmt(errbuf, errlen, "unknown UTF-8 policy %d", o.utf8_policy);
        return ANNALS_EINVAL;
    }
    if (o.date_order != ANNALS_DATE_MDY && o.date_order != ANNALS_DATE_DMY) {
        annals__fmt(errbuf, errlen, "unknown date order %d", o.date_order);
        return ANNALS_EINVAL;
    }
    if (o.parse_beam < 0 || o.parse_beam > ANNALS_MAX_BEAM || !(o.parse_beam_temperature >= 0) ||
        !(o.parse_beam_drop >= 0)) {
        annals__fmt(errbuf, errlen, "parse_beam must be 0 to %d and its temperature and drop "
                    "0 or more", ANNALS_MAX_BEAM);
        return ANNALS_EINVAL;
    }
    a.fn = o.alloc != NULL ? o.alloc : libc_alloc;
    a.ud = o.alloc != NULL ? o.alloc_ud : NULL;
    p = annals__malloc(&a, sizeof *p);
    if (p == NULL) {
        annals__fmt(errbuf, errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    p->alloc = a;
    p->opt = o;
    p->syn = NULL;
    p->ner = NULL;
    p->gaz = NULL;
    p->tone = NULL;
    p->actors = NULL;
    if (o.actors_file != NULL) {
        char why[400];
        int rc = annals__actordict_load_file(&p->alloc, annals__onto_builtin(),
                                             o.actors_file, &p->actors, why, sizeof why);
        if (rc != ANNALS_OK) {
            annals__fmt(errbuf, errlen, "%s: %s", o.actors_file, why);
            annals_pipeline_close(p);
            return rc;
        }
    }
    p->opt.actors_file = NULL;     /* the caller's string may not outlive this call */
    /* only the models of the stages that will run are read */
    if (o.model_dir != NULL) {
        char path[4096];
        int rc = ANNALS_OK;
        if (o.stages & (ANNALS_STAGE_SYNTAX | ANNALS_STAGE_ACTORS | ANNALS_STAGE_QUOTES |
                        ANNALS_STAGE_EVENTS))
            rc = annals__syntax_open(&p->alloc, &o, &p->syn, errbuf, errlen);
        if (rc == ANNALS_OK && (o.stages & ANNALS_STAGE_GEO) &&
            model_file(o.model_dir, "geo.model", path, sizeof path))
            rc = annals__gaz_open(&p->alloc, path, &p->gaz, errbuf, errlen);
        if (rc == ANNALS_OK && (o.stages & ANNALS_STAGE_TONE) &&
            model_file(o.model_dir, "tone.model", path, sizeof path))
            rc = annals__tone_open(&p->alloc, path, &p->tone, errbuf, errlen);
        if (rc != ANNALS_OK) {
            annals_pipeline_close(p);
            return rc;
        }
    }
    if (o.ner_model == NULL && o.model_dir != NULL &&
        model_file(o.model_dir, "ner.model", ner_path, sizeof ner_path))
        o.ner_model = ner_path;
    if (o.ner_model != NULL && (o.stages & ANNALS_STAGE_NER)) {
        struct annals_model m;
        char why[400];
        int rc = annals__model_load(&p->alloc, o.ner_model, &m, errbuf, errlen);
        if (rc == ANNALS_OK) {
            rc = annals__ner_open(&p->alloc, &m, &p->ner, why, sizeof why);
            annals__model_free(&m);
            if (rc != ANNALS_OK)
                annals__fmt(errbuf, errlen, "%s: %s", o.ner_model, why);
        }
        if (rc != ANNALS_OK) {
            annals_pipeline_close(p);
            return rc;
        }
    }
    p->opt.ner_model = NULL;       /* ner_path does not outlive this call */
    *out = p;
    return ANNALS_OK;
}

void annals_pipeline_close(annals_pipeline *p)
{
    if (p == NULL)
        return;
    struct annals_alloc a = p->alloc;
    annals__syntax_close(&p->alloc, p->syn);
    annals__gaz_close(&a, p->gaz);
    annals__tone_close(&a, p->tone);
    annals__ner_free(p->ner);
    annals__actordict_free(p->actors);
    annals__free(&a, p, sizeof *p);
}
