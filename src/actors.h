/* actors.h -- the actor stage's contract with the stages after it.
**
** The actor stage (actors.c) resolves who each noun phrase of the article
** stands for, as a CAMEO-style actor code: a country (ISO 3166 alpha-3, or
** a region or international organisation code) and a sector or role (GOV,
** MIL, COP, REB, INS, ...), from names, demonyms, capitals used as
** metonyms, institutions, titles and roles, and in-document coreference
** (pronouns and definite descriptions to the last compatible mention).  A
** mere location ("in Christchurch") is never an actor.  A user actor
** dictionary (actordict.c) overrides what is inferred.
**
** The event stage reads actors only through annals__actor_of_word(). */
#ifndef ANNALS_ACTORS_H
#define ANNALS_ACTORS_H

#include "doc.h"

/* Nouns of a relationship between parties ("the US-Pakistan relationship",
** "ties with Kenya"), as a '|'-separated list; the actor stage makes the
** countries named in such a phrase actors, the event stage reads the
** other party off them. */
#define ACTOR_RELATION_NOUNS "relationship|relations|relation|ties|cooperation|partnership|" \
                             "alliance|friendship"

struct doc_actor {
    char country[4];            /* "USA", "AFG", "UNO"...; "" when unknown */
    char sector[4];             /* "GOV", "MIL"...; "" when none */
    int32_t entity;             /* index into d->ent, or -1 (a common noun: "the army") */
    uint32_t first_word, n_words;   /* the phrase that names it */
    uint8_t source;             /* how it was resolved: enum actor_source */
    /* Added by the actor stage (additive to the contract above): */
    char org[12];               /* an organisation's identifier ("NATO", "UNO",
                                   "AMNESTY"); "" for states and groups.  Then
                                   country holds the identifier when it fits in
                                   three letters, else "IGO" or "NGO" */
};

enum actor_source {
    ACTOR_FROM_NAME = 0,        /* a country, organisation or person's own name */
    ACTOR_FROM_DEMONYM,         /* "Afghan", "Pakistani" */
    ACTOR_FROM_METONYM,         /* a capital or seat of government acting */
    ACTOR_FROM_ROLE,            /* a title or role: "army chief", "spokesperson" */
    ACTOR_FROM_COREF,           /* a pronoun or definite description */
    ACTOR_FROM_DICTIONARY       /* the user actor dictionary */
};

/* Resolve the actors of d (after the syntax and NER stages).  Without the
** syntax models it does nothing (d->has_actors stays 0).  ANNALS_OK or
** ANNALS_ENOMEM. */
ANNALS_INTERNAL int annals__actors_run(const annals_pipeline *p, annals_doc *d);

/* The actor that the noun phrase headed by word w stands for, following
** coreference; NULL when it stands for none. */
ANNALS_INTERNAL const struct doc_actor *annals__actor_of_word(const annals_doc *d, size_t w);

/* The CAMEO-style code of a: country + sector ("USAMIL", "AFGINS", "PAK"),
** or for an organisation its sector + identifier ("IGOUNO", "IGONATO").
** Writes a NUL-terminated string into out (at least ACTOR_CODE_MAX bytes)
** and returns its length. */
#define ACTOR_CODE_MAX 20
ANNALS_INTERNAL size_t annals__actor_code(const struct doc_actor *a, char *out);

/* "name", "demonym", "metonym", "role", "coref" or "dictionary". */
ANNALS_INTERNAL const char *annals__actor_source_name(int source);

#endif /* ANNALS_ACTORS_H */
