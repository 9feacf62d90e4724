/* events.c -- the event stage: CAMEO events from the dependency parse.
**
** Each verb (or event noun) of a body sentence whose lemma the lexicon knows
** is matched against that lemma's patterns; the most specific pattern whose
** conditions hold fires.  Its source is the agent (subject, or by-phrase of
** a passive), its target the patient or recipient (object or the pattern's
** prepositional phrase).  Before coding, the clause's context is read up the
** tree: negation, modals and conditionals block the event; "plan to", "will"
** or "threaten to" turn it into an intent or threat; "refuse to" into a
** rejection; reported speech passes through.  Design: docs/EVENTS.md. */
#include "events.h"
#include "gazetteer.h"
#include "actors.h"
#include "ontology.h"
#include "timex.h"

#include <string.h>

enum { MODE_FACT = 0, MODE_INTENT = 1, MODE_REJECT = 2, MODE_BLOCK = 3 };
/* own_mode() only: "would", hypothetical unless reported ("said it would") */
enum { MODE_WOULD = 4 };

/* ------------------------------------------------------------ small helpers */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Does the '|'-separated set hold s[0..n) (ASCII case ignored)?  "*" holds anything. */
static int in_set(const char *set, const char *s, size_t n)
{
    const char *p = set;
    while (*p != '\0') {
        const char *e = strchr(p, '|');
        size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
        if (len == 1 && p[0] == '*')
            return 1;
        if (len == n) {
            size_t i = 0;
            while (i < n && lower((unsigned char)s[i]) == lower((unsigned char)p[i]))
                i++;
            if (i == n)
                return 1;
        }
        if (e == NULL)
            break;
        p = e + 1;
    }
    return 0;
}

static const struct doc_word *W(const annals_doc *d, int32_t w) { return &d->word.v[w]; }

/* The word's lemma, or its form (the lexicon writes "ties", "talks" and
** "relations" as news does, and lemmatisers differ on such plurals). */
static int lemma_in(const annals_doc *d, int32_t w, const char *set)
{
    return w >= 0 && (in_set(set, W(d, w)->lemma, W(d, w)->lemma_len) ||
                      in_set(set, W(d, w)->form, W(d, w)->form_len));
}

static int rel_is(const annals_doc *d, int32_t w, const char *rel)
{
    return strcmp(W(d, w)->deprel, rel) == 0;
}

/* deprel equal to rel or rel:subtype */
static int rel_base(const annals_doc *d, int32_t w, const char *rel)
{
    size_t n = strlen(rel);
    const char *r = W(d, w)->deprel;
    return strncmp(r, rel, n) == 0 && (r[n] == '\0' || r[n] == ':');
}

static int xpos_is(const annals_doc *d, int32_t w, const char *x)
{
    return W(d, w)->xpos != NULL && strcmp(W(d, w)->xpos, x) == 0;
}

/* Is w a verb in a tense of its own (past, present), not a participle or
** an infinitive? */
static int tensed(const annals_doc *d, int32_t w)
{
    return xpos_is(d, w, "VBD") || xpos_is(d, w, "VBZ") || xpos_is(d, w, "VBP");
}

static int upos_is(const annals_doc *d, int32_t w, const char *u)
{
    return strcmp(W(d, w)->upos, u) == 0;
}

/* ---------------------------------------------------------- sentence scratch */

/* Children of the words of one sentence, for walking down the tree. */
struct sent_tree {
    int32_t w0, w1;             /* words [w0, w1) */
    int32_t *first, *next;      /* first child / next sibling, -1: none */
};

static int32_t child(const struct sent_tree *t, int32_t w) { return t->first[w - t->w0]; }
static int32_t sibling(const struct sent_tree *t, int32_t c) { return t->next[c - t->w0]; }

/* First child of w with relation rel (or rel:subtype when base) and, when
** set is not NULL, a lemma in set. */
static int32_t find_child(const annals_doc *d, const struct sent_tree *t, int32_t w,
                          const char *rel, int base, const char *set)
{
    for (int32_t c = child(t, w); c >= 0; c = sibling(t, c)) {
        if (!(base ? rel_base(d, c, rel) : rel_is(d, c, rel)))
            continue;
        if (set == NULL || lemma_in(d, c, set))
            return c;
    }
    return -1;
}

/* Past forms of the lexicon's irregular verbs, for the few the lemmatiser
** still gets wrong: a training lemma that kept the form ("struck"), or a past
** form mistagged as a present one ("shot" as VBP) or as a preposition
** ("overran"), which its WordNet exception lists do not reach. */
static const char *const IRREGULAR_PAST[][2] = {
    {"beat", "beat"}, {"beaten", "beat"}, {"began", "begin"}, {"begun", "begin"},
    {"bid", "bid"}, {"blew", "blow"}, {"blown", "blow"}, {"broke", "break"},
    {"broken", "break"}, {"brought", "bring"}, {"burnt", "burn"}, {"caught", "catch"},
    {"chose", "choose"}, {"chosen", "choose"}, {"dealt", "deal"}, {"drew", "draw"},
    {"drawn", "draw"}, {"drove", "drive"}, {"driven", "drive"}, {"fed", "feed"},
    {"fled", "flee"}, {"flew", "fly"}, {"flown", "fly"}, {"forbade", "forbid"},
    {"forbidden", "forbid"}, {"forgave", "forgive"}, {"forgiven", "forgive"},
    {"fought", "fight"}, {"froze", "freeze"}, {"frozen", "freeze"}, {"gave", "give"},
    {"given", "give"}, {"got", "get"}, {"gotten", "get"}, {"held", "hold"},
    {"hung", "hang"}, {"hit", "hit"}, {"kept", "keep"}, {"laid", "lay"}, {"led", "lead"},
    {"left", "leave"}, {"lent", "lend"}, {"lit", "light"}, {"made", "make"},
    {"met", "meet"}, {"overcame", "overcome"}, {"overran", "overrun"},
    {"overthrew", "overthrow"}, {"overthrown", "overthrow"}, {"overtook", "overtake"},
    {"overtaken", "overtake"}, {"paid", "pay"}, {"put", "put"}, {"quit", "quit"},
    {"ran", "run"}, {"rebuilt", "rebuild"}, {"retook", "retake"}, {"retaken", "retake"},
    {"rode", "ride"}, {"rose", "rise"}, {"risen", "rise"}, {"said", "say"},
    {"sank", "sink"}, {"sunk", "sink"}, {"sat", "sit"}, {"saw", "see"}, {"seen", "see"},
    {"sent", "send"}, {"set", "set"}, {"shook", "shake"}, {"shot", "shoot"},
    {"shut", "shut"}, {"slew", "slay"}, {"slain", "slay"}, {"sold", "sell"},
    {"sought", "seek"}, {"spoke", "speak"}, {"spoken", "speak"}, {"spent", "spend"},
    {"stole", "steal"}, {"stolen", "steal"}, {"stood", "stand"}, {"struck", "strike"},
    {"stricken", "strike"}, {"swept", "sweep"}, {"swore", "swear"}, {"sworn", "swear"},
    {"took", "take"}, {"taken", "take"}, {"taught", "teach"}, {"threw", "throw"},
    {"thrown", "throw"}, {"told", "tell"}, {"tore", "tear"}, {"torn", "tear"},
    {"undertook", "undertake"}, {"undertaken", "undertake"}, {"upheld", "uphold"},
    {"withdrew", "withdraw"}, {"withdrawn", "withdraw"}, {"withheld", "withhold"},
    {"won", "win"}, {"wrote", "write"}, {"written", "write"}};

/* Is w a verb's past form the tagger read as a preposition ("fighters
** overran an army base" with "overran" the case of "base")?  Its phrase is
** then its object, and the noun that phrase hangs on its subject. */
static int past_read_as_preposition(const annals_doc *d, int32_t w)
{
    const struct doc_word *x = W(d, w);
    if (!upos_is(d, w, "ADP") || !rel_is(d, w, "case") || x->head < 0)
        return 0;
    for (size_t i = 0; i < sizeof IRREGULAR_PAST / sizeof *IRREGULAR_PAST; i++)
        if (strlen(IRREGULAR_PAST[i][0]) == x->form_len &&
            in_set(IRREGULAR_PAST[i][0], x->form, x->form_len))
            return 1;
    return 0;
}

/* A verb, or a word tagged as an adjective or noun that has an object of
** its own ("vowed to free the hostages", "police shot dead two
** protesters": neither takes an object), or a past tagged as a preposition. */
static int is_verbal(const annals_doc *d, const struct sent_tree *t, int32_t w)
{
    return upos_is(d, w, "VERB") ||
           ((upos_is(d, w, "ADJ") || upos_is(d, w, "NOUN")) &&
            find_child(d, t, w, "obj", 0, NULL) >= 0) ||
           past_read_as_preposition(d, w);
}

static int32_t head_of(const annals_doc *d, int32_t w)
{
    return W(d, w)->head < 0 ? -1 : (int32_t)W(d, w)->head;
}

/* Does word k lie in the subtree of w? */
static int dominated_by(const annals_doc *d, int32_t k, int32_t w)
{
    for (int i = 0; i < 64 && k >= 0; i++, k = head_of(d, k))
        if (k == w)
            return 1;
    return 0;
}

/* The preposition (case or mark child) of a phrase headed by w, else the
** adposition that opens the phrase when the parse hung it on an inner word
** ("to Chief of Army Staff" headed by "Staff", "to" under "Chief"), or -1. */
static int32_t prep_of(const annals_doc *d, const struct sent_tree *t, int32_t w)
{
    int32_t c = find_child(d, t, w, "case", 0, NULL);
    if (c < 0)
        c = find_child(d, t, w, "mark", 0, NULL);
    if (c >= 0)
        return c;
    int32_t k = w;
    while (k - 1 >= t->w0 && dominated_by(d, k - 1, w))
        k--;
    return k < w && upos_is(d, k, "ADP") ? k : -1;
}

/* A phrase that may carry an argument's preposition: obliques, and an
** apposition or compound that opens with one (a misattached "to" phrase). */
static int is_oblique(const annals_doc *d, const struct sent_tree *t, int32_t c)
{
    if (rel_base(d, c, "obl") || rel_base(d, c, "nmod") || rel_is(d, c, "advcl") ||
        rel_is(d, c, "acl"))
        return 1;
    return (rel_is(d, c, "appos") || rel_is(d, c, "compound")) &&
           find_child(d, t, c, "case", 0, NULL) < 0 && prep_of(d, t, c) >= 0;
}

/* Does a time expression cover word w ("on Thursday" is no argument)? */
static int in_timex(const annals_doc *d, int32_t w)
{
    const struct doc_token *tk = &d->tok.v[W(d, w)->token];
    for (size_t i = 0; i < d->timex.n; i++)
        if (d->timex.v[i].start <= tk->start && tk->end <= d->timex.v[i].end)
            return 1;
    return 0;
}

/* Does clause a open with "that" (as its mark, or as the relative pronoun
** the parse made of it)? */
static int opens_with_that(const annals_doc *d, const struct sent_tree *t, int32_t a)
{
    return find_child(d, t, a, "obj", 0, "that") >= 0 ||
           find_child(d, t, a, "nsubj", 0, "that") >= 0 ||
           find_child(d, t, a, "mark", 0, "that") >= 0;
}

/* The that-clause of verb v, or -1: its complement, or a clause opening
** with "that" the parse hung on a time expression of v as a relative clause
** ("demanded on Wednesday that Caracas release ..."). */
static int32_t that_clause(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int32_t k = find_child(d, t, v, "ccomp", 0, NULL);
    for (int32_t o = child(t, v); k < 0 && o >= 0; o = sibling(t, o))
        if (rel_base(d, o, "obl") && in_timex(d, o)) {
            int32_t a = find_child(d, t, o, "acl", 1, NULL);   /* acl:relcl or acl */
            if (a >= 0 && opens_with_that(d, t, a))
                k = a;
        }
    return k;
}

/* Is phrase c introduced by a preposition of preps?  Any of its case words
** counts ("gave in to the demands": "in" and "to"). */
static int opens_with(const annals_doc *d, const struct sent_tree *t, int32_t c,
                      const char *preps)
{
    int32_t p = prep_of(d, t, c);
    if (p < 0)
        return 0;
    if (lemma_in(d, p, preps))
        return 1;
    for (int32_t k = child(t, c); k >= 0; k = sibling(t, k))
        if (rel_is(d, k, "case") && lemma_in(d, k, preps))
            return 1;
    return 0;
}

/* Is c, a child of v, the agent of a passive: its obl:agent, or a
** by-phrase of a past participle that names an actor, which a parser may
** label a plain oblique ("was signed by Kenya", "a strike called by the
** union"; not "by Friday", "by 5 percent")? */
static int is_agent(const annals_doc *d, const struct sent_tree *t, int32_t v, int32_t c)
{
    if (rel_is(d, c, "obl:agent"))
        return 1;
    return rel_is(d, c, "obl") && xpos_is(d, v, "VBN") && find_child(d, t, c, "case", 0, "by") >= 0 &&
           !in_timex(d, c) && annals__actor_of_word(d, (size_t)c) != NULL;
}

/* The agent child of v (is_agent), or -1. */
static int32_t agent_of(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    for (int32_t c = child(t, v); c >= 0; c = sibling(t, c))
        if (is_agent(d, t, v, c))
            return c;
    return -1;
}

/* A prepositional phrase under w (or under w's object o) introduced by a
** preposition of preps and headed by a lemma of set; with set NULL (an
** argument is sought), any nominal phrase.  A time expression is neither
** ("called snap elections for November" is no call for anything). */
static int32_t find_pp(const annals_doc *d, const struct sent_tree *t, int32_t w, int32_t o,
                       const char *preps, const char *set)
{
    int32_t heads[2] = {w, o};
    for (int k = 0; k < 2; k++) {
        if (heads[k] < 0)
            continue;
        for (int32_t c = child(t, heads[k]); c >= 0; c = sibling(t, c)) {
            if (!is_oblique(d, t, c) || is_agent(d, t, heads[k], c) || in_timex(d, c) ||
                (set == NULL && upos_is(d, c, "VERB")))
                continue;
            /* "meeting in Havana with Norwegian mediators present": who is
            ** present is a witness, not a party */
            if (set == NULL && (find_child(d, t, c, "amod", 0, "present") > c ||
                                (lemma_in(d, c, "present") && upos_is(d, c - 1, "NOUN"))))
                continue;
            if (opens_with(d, t, c, preps) && (set == NULL || lemma_in(d, c, set)))
                return c;
        }
    }
    return -1;
}

/* ------------------------------------------------------------- arguments */

#define MAX_ARGS 8

struct args {
    int32_t v[MAX_ARGS];
    int n;
};

static void add_arg(struct args *a, int32_t w)
{
    for (int i = 0; i < a->n; i++)
        if (a->v[i] == w)
            return;
    if (a->n < MAX_ARGS)
        a->v[a->n++] = w;
}

/* Is c, a name part of w, really a second name joined by "and"/"or"?  A
** flat name holds no conjunction, so one between them means the parse
** glued two conjuncts ("Secretary Austin and General Bajwa"). */
static int glued_conjunct(const annals_doc *d, int32_t w, int32_t c)
{
    if (!rel_is(d, c, "flat") && !rel_is(d, c, "compound"))
        return 0;
    for (int32_t k = w + 1; k < c; k++)
        if (upos_is(d, k, "CCONJ") && dominated_by(d, k, c))
            return 1;
    return 0;
}

/* w and the words conjoined to it ("A and B"). */
static void add_with_conj(const annals_doc *d, const struct sent_tree *t, struct args *a,
                          int32_t w)
{
    add_arg(a, w);
    for (int32_t c = child(t, w); c >= 0; c = sibling(t, c))
        if ((rel_is(d, c, "conj") && !upos_is(d, c, "VERB")) || glued_conjunct(d, w, c))
            add_arg(a, c);
}

static int is_relative(const annals_doc *d, int32_t w)
{
    return lemma_in(d, w, "who|which|that|whom");
}

/* Is verb v the predicate of a relative clause (or a conjunct of one)?
** Besides acl:relcl, a subject that is a relative pronoun or is owned by
** one ("whose troops exchanged fire") marks the clause, however the
** parse hung it. */
static int relative_clause(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    for (int k = 0; k < 3 && v >= 0; k++) {
        if (rel_is(d, v, "acl:relcl"))
            return 1;
        for (int32_t c = child(t, v); c >= 0; c = sibling(t, c)) {
            if (!rel_base(d, c, "nsubj"))
                continue;
            if (upos_is(d, c, "PRON") && is_relative(d, c))
                return 1;
            if (find_child(d, t, c, "nmod:poss", 0, "whose") >= 0)
                return 1;
        }
        if (!rel_is(d, v, "conj"))
            return 0;
        v = head_of(d, v);
    }
    return 0;
}

/* A subject the parser hung as an apposition of the noun before it
** ("During the call, Secretary Austin expressed ..."): the name just before
** finite verb v (auxiliaries and adverbs between), or -1. */
static int32_t subject_as_appos(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int finite = tensed(d, v) || find_child(d, t, v, "aux", 0, NULL) >= 0;
    int32_t k = v - 1;
    if (!finite)
        return -1;
    while (k >= t->w0 && (rel_base(d, k, "aux") || rel_is(d, k, "advmod")))
        k--;
    while (k >= t->w0 && rel_is(d, k, "flat") && W(d, k)->head >= t->w0 && W(d, k)->head < k)
        k = (int32_t)W(d, k)->head;
    if (k < t->w0 || !rel_is(d, k, "appos") || W(d, k)->head >= k ||
        !(upos_is(d, k, "PROPN") || upos_is(d, k, "NOUN") || upos_is(d, k, "PRON")))
        return -1;
    return k;
}

/* Is verb v passive: a passive subject or auxiliary, or a participle
** with a by-phrase that modifies a noun ("the ceasefire agreed by A and B";
** not one of affiliation)? */
/* Participles that say who stands behind an actor ("forces backed by X",
** "a militia led by Y"): a description, not an event. */
#define AFFILIATION_VERBS "back|support|sponsor|fund|finance|arm|train|equip|lead|" \
                          "command|favour|favor|own|run|control"

/* "Amnesty International called on ...": a passive the parse made of a
** name, its last word read as the auxiliary, with no form of "be" or
** "get" to make it one. */
static int passive_misread(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int32_t aux = find_child(d, t, v, "aux:pass", 0, NULL);
    return aux >= 0 && !lemma_in(d, aux, "be|get") &&
           find_child(d, t, v, "aux:pass", 0, "be|get") < 0 && find_child(d, t, v, "aux", 0, "be|get") < 0;
}

static int is_passive(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    if (passive_misread(d, t, v))
        return 0;
    return find_child(d, t, v, "nsubj:pass", 0, NULL) >= 0 ||
           find_child(d, t, v, "aux:pass", 0, NULL) >= 0 ||
           ((rel_base(d, v, "acl") || rel_is(d, v, "advcl") || rel_is(d, v, "conj")) &&
            xpos_is(d, v, "VBN") &&
            agent_of(d, t, v) >= 0 && !lemma_in(d, v, AFFILIATION_VERBS));
}

/* Verbs whose object does what their to-clause says ("prompted Tokyo to
** lodge a protest", "led the army to withdraw"): the clause is done, by
** the object. */
#define PROMPT_VERBS "prompt|spur|lead|cause|trigger|provoke"

/* Verbs of harm. */
#define HARM_VERBS "kill|wound|injure|hurt|maim"

static void subjects_of(const annals_doc *d, const struct sent_tree *t, int32_t v,
                        struct args *s, int depth);

/* Is v an order to the source's own people ("ordered the army to raise its
** readiness", "ordered Thai nationals to leave")?  Then what is ordered is
** the source's own act, and the order no demand on another. */
static int commands_own(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    if (!lemma_in(d, v, "order|instruct|direct|command") ||
        (find_child(d, t, v, "xcomp", 0, NULL) < 0 && find_child(d, t, v, "ccomp", 0, NULL) < 0 &&
         find_child(d, t, v, "advcl", 0, NULL) < 0))
        return 0;
    /* "residents were ordered to leave": by the authorities over them */
    if (find_child(d, t, v, "nsubj:pass", 0, NULL) >= 0)
        return agent_of(d, t, v) < 0;
    int32_t o = find_child(d, t, v, "obj", 0, NULL);
    struct args sj = {{0}, 0};
    subjects_of(d, t, v, &sj, 0);
    const struct doc_actor *a = o >= 0 ? annals__actor_of_word(d, (size_t)o) : NULL;
    if (o < 0)
        return 0;
    if (a == NULL || a->country[0] == '\0')
        return lemma_in(d, o, "army|military|troops|forces|police|soldiers|navy|units|officers|"
                              "citizens|nationals|residents|ministry|government");
    for (int i = 0; i < sj.n; i++) {
        const struct doc_actor *b = annals__actor_of_word(d, (size_t)sj.v[i]);
        if (b != NULL && a->country[0] != '\0' && strcmp(a->country, b->country) == 0)
            return 1;
    }
    return 0;
}

/* Verbs of saying. */
#define SPEECH_VERBS "say|tell|announce|report|state|add|claim|confirm|insist|note|" \
                     "explain|reveal|disclose|acknowledge|admit|write|declare|stress|" \
                     "reiterate|allege|show|indicate|suggest|warn|know|learn|hear|see"

/* "Niger's prime minister, Ali Mahamane Lamine Zeine, met ..." with the
** name the subject and the role hung elsewhere: a name that is no actor,
** set off by a comma right after a role noun that is one, stands for that
** role.  Returns the word to take for subject w. */
static int32_t name_after_role(const annals_doc *d, int32_t w)
{
    if (!upos_is(d, w, "PROPN") || annals__actor_of_word(d, (size_t)w) != NULL || w < 2 ||
        !lemma_in(d, w - 1, ",") || !upos_is(d, w - 2, "NOUN") ||
        annals__actor_of_word(d, (size_t)(w - 2)) == NULL)
        return w;
    return w - 2;
}

static int32_t noun_of_to_clause(const annals_doc *d, const struct sent_tree *t, int32_t v);

/* Subjects (agents) of verb v: its own, or inherited from the verb it is
** conjoined to, or from the verb that controls it ("X agreed to meet"). */
static void subjects_of(const annals_doc *d, const struct sent_tree *t, int32_t v,
                        struct args *s, int depth)
{
    int passive = is_passive(d, t, v);
    for (int32_t c = child(t, v); c >= 0; c = sibling(t, c)) {
        /* a subject the parse hung on the auxiliary ("Kirby had stressed") */
        if (rel_base(d, c, "aux") && !passive)
            for (int32_t k = child(t, c); k >= 0; k = sibling(t, k))
                if (rel_is(d, k, "nsubj"))
                    add_with_conj(d, t, s, k);
        if (passive ? is_agent(d, t, v, c)
                    : rel_is(d, c, "nsubj") || (rel_is(d, c, "nsubj:pass") && passive_misread(d, t, v))) {
            /* "A spokesman ..., responding to a report by United Nations
            ** monitors, denied" with "spokesman" hung as the subject of
            ** "monitors", itself the verb's: the noun's subject is the verb's */
            int32_t inner = find_child(d, t, c, "nsubj", 0, NULL);
            int32_t sb = inner >= 0 && inner < c && upos_is(d, c, "NOUN") &&
                         find_child(d, t, c, "cop", 0, NULL) < 0 ? inner : c;
            if (is_relative(d, sb) && rel_base(d, v, "acl") && W(d, v)->head >= 0)
                add_with_conj(d, t, s, (int32_t)W(d, v)->head);
            else if (!is_relative(d, sb))   /* "the president, who flew" misread */
                add_with_conj(d, t, s, name_after_role(d, sb));
        }
    }
    /* "The Kenyan president, in a telephone call with ..., praised" with
    ** "president" hung as the subject of "call": a subject the parse gave
    ** a phrase of a verb that has none, set before both, is the verb's */
    for (int32_t c = child(t, v); c >= 0 && s->n == 0 && !passive && c < v; c = sibling(t, c))
        if (rel_base(d, c, "obl") && find_child(d, t, c, "cop", 0, NULL) < 0)
            for (int32_t k = child(t, c); k >= 0; k = sibling(t, k))
                if (rel_is(d, k, "nsubj") && k < c && !is_relative(d, k))
                    add_with_conj(d, t, s, k);
    /* "The Sudanese government and the Sudan People's Liberation Movement
    ** agreed" read with "the Sudan People's" a conjunct of the root noun and
    ** "Liberation Movement agreed" a relative clause of it: a name the parse
    ** split between a conjunct of that noun and the clause's subject makes
    ** the noun a subject too, the first as it is written first */
    int32_t rh = head_of(d, v);
    if (s->n > 0 && rel_is(d, v, "acl:relcl") && rh >= 0 && head_of(d, rh) < 0)
        for (int32_t c = child(t, rh); c >= 0; c = sibling(t, c))
            if (rel_is(d, c, "conj") && annals__actor_of_word(d, (size_t)c) != NULL &&
                annals__actor_of_word(d, (size_t)c) == annals__actor_of_word(d, (size_t)s->v[0])) {
                struct args all = {{rh}, 1};
                for (int i = 0; i < s->n; i++)
                    add_arg(&all, s->v[i]);
                *s = all;
                break;
            }
    if (s->n > 0 || depth > 4)
        return;
    /* "The Security Council, meeting in emergency session, condemned ..."
    ** with the council hung inside the participle's clause, before its
    ** comma: the clause's subject is the verb's */
    for (int32_t p = child(t, v); p >= 0 && p < v; p = sibling(t, p))
        if (rel_is(d, p, "advcl") && xpos_is(d, p, "VBG") && p - 1 > t->w0 && lemma_in(d, p - 1, ","))
            for (int32_t k = child(t, p); k >= 0 && k < p - 1; k = sibling(t, k))
                if ((upos_is(d, k, "NOUN") || upos_is(d, k, "PROPN")) && !rel_base(d, k, "obl") &&
                    annals__actor_of_word(d, (size_t)k) != NULL) {
                    add_with_conj(d, t, s, k);
                    return;
                }
    /* "Brazil and Argentina, whose presidents ..., agreed to ..., officials
    ** said": a subject the parse gave the trailing verb of saying, set
    ** before the clause that lacks one, is that clause's */
    if (!passive && rel_is(d, v, "ccomp") && head_of(d, v) > v && tensed(d, v)) {
        int32_t h = head_of(d, v), before = -1, after = -1;
        for (int32_t c = child(t, h); c >= 0; c = sibling(t, c))
            if (rel_is(d, c, "nsubj")) {
                if (c < v && before < 0)
                    before = c;
                else if (c > v)
                    after = c;
            }
        if (before >= 0 && after >= 0) {
            add_with_conj(d, t, s, before);
            return;
        }
    }
    int32_t ap = passive ? -1 : subject_as_appos(d, t, v);
    if (ap >= 0) {
        add_with_conj(d, t, s, ap);
        return;
    }
    if (W(d, v)->head < 0)
        return;
    int32_t h = (int32_t)W(d, v)->head;
    if (past_read_as_preposition(d, v)) {
        if (head_of(d, h) >= 0 && (upos_is(d, head_of(d, h), "NOUN") || upos_is(d, head_of(d, h), "PROPN")))
            add_with_conj(d, t, s, head_of(d, h));
        return;
    }
    if (passive && rel_is(d, v, "conj") == 0)
        return;                 /* an agentless passive has no source */
    /* a to- or in-clause of a noun ("Laos's decision to reopen", "expressed
    ** willingness to sign", "its interest in improving"): the noun's
    ** possessor, else the subject of the verb whose object the noun is */
    if (rel_is(d, v, "acl") && find_child(d, t, v, "mark", 0, "to|in") >= 0) {
        int32_t poss = find_child(d, t, h, "nmod:poss", 0, NULL);
        if (poss >= 0)
            add_with_conj(d, t, s, poss);
        else if (rel_is(d, h, "obj") && head_of(d, h) >= 0 && upos_is(d, head_of(d, h), "VERB"))
            subjects_of(d, t, head_of(d, h), s, depth + 1);
        return;
    }
    /* "prompted Tokyo to lodge a protest", "helped police arrest": the
    ** object does it */
    int32_t ob = find_child(d, t, h, "obj", 0, NULL);
    if ((rel_is(d, v, "xcomp") || find_child(d, t, v, "mark", 0, "to") >= 0) && ob >= 0 &&
        lemma_in(d, h, PROMPT_VERBS "|help|enable|assist")) {
        add_with_conj(d, t, s, ob);
        return;
    }
    /* "X exchanged fire ..., the defence ministry said, accusing Baku": a
    ** participle after a verb of saying that the parse gave two subjects
    ** is the speaker's, the subject nearest before the verb */
    if (rel_is(d, v, "advcl") && xpos_is(d, v, "VBG") && v > h && lemma_in(d, h, SPEECH_VERBS)) {
        int32_t near = -1, n = 0;
        for (int32_t c = child(t, h); c >= 0; c = sibling(t, c))
            if (rel_is(d, c, "nsubj") && c < h) {
                near = c;
                n++;
            }
        if (n > 1) {
            add_with_conj(d, t, s, near);
            return;
        }
        /* "..., killing one soldier, the interior ministry in Tbilisi said,
        ** accusing" with the ministry an apposition of "soldier": the actor
        ** set off by a comma right before the verb of saying is the speaker */
        int32_t np = h - 1, first = np;
        while (np > t->w0 && rel_is(d, np, "nmod") && head_of(d, np) > t->w0 && head_of(d, np) < np)
            np = head_of(d, np);
        for (int32_t k = np; k >= t->w0 && dominated_by(d, k, np) && !upos_is(d, k, "PUNCT"); k--)
            first = k;
        if (np > t->w0 && rel_is(d, np, "appos") && first > t->w0 && lemma_in(d, first - 1, ",") &&
            annals__actor_of_word(d, (size_t)np) != NULL) {
            add_with_conj(d, t, s, np);
            return;
        }
    }
    /* "fired tear gas at protesters demanding the resignation": a present
    ** participle right after a person the verb's phrase names, with no
    ** comma, is what that person does, though the parse hung it on the verb
    ** (harm is left to the verb's subject: "shot at a crowd killing two") */
    if (rel_is(d, v, "advcl") && xpos_is(d, v, "VBG") && v > h + 1 && upos_is(d, v - 1, "NOUN") &&
        annals__actor_of_word(d, (size_t)(v - 1)) != NULL && !lemma_in(d, v, HARM_VERBS)) {
        int32_t np = v - 1;     /* "at hundreds of protesters demanding" */
        while (rel_is(d, np, "nmod") && head_of(d, np) >= 0 && head_of(d, np) != h)
            np = head_of(d, np);
        if (head_of(d, np) == h && (rel_base(d, np, "obj") || rel_base(d, np, "obl"))) {
            add_with_conj(d, t, s, v - 1);
            return;
        }
    }
    /* "recalled its ambassador after Dutch authorities barred ...", the
    ** parse reading "after" as the preposition of "authorities" and
    ** "barred" as a conjunct with no conjunction: that noun is its subject */
    if (rel_is(d, v, "conj") && find_child(d, t, v, "cc", 0, NULL) < 0 && v - 1 > t->w0 &&
        tensed(d, v) &&
        (upos_is(d, v - 1, "NOUN") || upos_is(d, v - 1, "PROPN")) &&
        find_child(d, t, v - 1, "case", 0, "after|before|since|until|as|when|while") >= 0 &&
        annals__actor_of_word(d, (size_t)(v - 1)) != NULL) {
        add_with_conj(d, t, s, v - 1);
        return;
    }
    /* "Kenya and Ethiopia, whose leaders have traded barbs, agreed" with
    ** "agreed" a conjunct of the relative clause's verb: a finite verb set
    ** off by a comma after a relative clause of the sentence's root noun is
    ** the main clause, done by that noun; so too when the parse hung the
    ** relative clause elsewhere, done by the noun set off by a comma right
    ** before it (the first of its conjuncts) */
    if (rel_is(d, v, "conj") && lemma_in(d, v - 1, ",") && find_child(d, t, v, "cc", 0, NULL) < 0 &&
        tensed(d, v) && relative_clause(d, t, h)) {
        int32_t rn = head_of(d, h), first = h;
        if (!(rel_base(d, h, "acl") && rn >= 0 && rn < h && head_of(d, rn) < 0)) {
            while (first - 1 >= t->w0 && dominated_by(d, first - 1, h))
                first--;
            rn = first - 2 >= t->w0 && lemma_in(d, first - 1, ",") ? first - 2 : -1;
            while (rn >= 0 && rel_is(d, rn, "conj") && head_of(d, rn) >= t->w0 && head_of(d, rn) < rn)
                rn = head_of(d, rn);
            if (rn >= 0 && annals__actor_of_word(d, (size_t)rn) == NULL)
                rn = -1;
        }
        if (rn >= 0 && (upos_is(d, rn, "NOUN") || upos_is(d, rn, "PROPN"))) {
            add_with_conj(d, t, s, rn);
            return;
        }
    }
    /* an acl ("the forces backed by X") has no agent of its own; a
    ** participle the parse hung on a noun as an adverbial clause is read
    ** as one of the noun's below */
    int noun_head = upos_is(d, h, "NOUN") || upos_is(d, h, "PROPN");
    /* "thanked Norway for its decision to send jets", "to send" hung on
    ** "thanked": the clause of the decision is done by its owner */
    int32_t decision = s->n == 0 ? noun_of_to_clause(d, t, v) : -1;
    int32_t owner = decision >= 0 ? find_child(d, t, decision, "nmod:poss", 0, NULL) : -1;
    if (owner >= 0 && annals__actor_of_word(d, (size_t)owner) != NULL) {
        add_with_conj(d, t, s, owner);
        return;
    }
    if (rel_is(d, v, "conj") || rel_is(d, v, "xcomp") || (rel_is(d, v, "advcl") && !noun_head)) {
        /* "I was hopeful, but troops stormed the town and seized the
        ** bridge", both verbs conjuncts of the first: a conjunct shares the
        ** subject of the nearest conjunct before it that has one */
        int32_t from = h;
        if (rel_is(d, v, "conj"))
            for (int32_t c = child(t, h); c >= 0 && c < v; c = sibling(t, c))
                if (rel_is(d, c, "conj") && find_child(d, t, c, "nsubj", 1, NULL) >= 0)
                    from = c;
        subjects_of(d, t, from, s, depth + 1);
        /* "called the arrests unlawful and demanded their release" with the
        ** finite verb a conjunct of the adjective: the subject of the verb
        ** the adjective's phrase hangs on */
        if (s->n == 0 && rel_is(d, v, "conj") && tensed(d, v)) {
            int32_t up = h;
            while (up >= 0 && !upos_is(d, up, "VERB"))
                up = head_of(d, up);
            if (up >= 0 && up != h)
                subjects_of(d, t, up, s, depth + 1);
        }
    }
    /* "the visiting prime minister of Niger": a present participle before
    ** a noun is what the noun does */
    else if (rel_is(d, v, "amod") && h > v && xpos_is(d, v, "VBG") && v > t->w0 &&
             (upos_is(d, v - 1, "DET") || upos_is(d, v - 1, "ADJ")) &&
             (upos_is(d, h, "NOUN") || upos_is(d, h, "PROPN")))
        add_with_conj(d, t, s, h);
    /* "The presidents of A and B, meeting in Doha, agreed": a participle set
    ** off after a noun, or right after it ("demonstrators protesting
    ** against the law"), is done by it */
    else if ((rel_is(d, v, "acl") || rel_is(d, v, "advcl")) && h < v && xpos_is(d, v, "VBG") &&
             (lemma_in(d, v - 1, ",") || v == h + 1) && noun_head)
        add_with_conj(d, t, s, h);
    /* a finite verb the parser hung on the noun before it ("Kenyan police
    ** fired tear gas", "Chile's minister, Ana Torres, stated" as an
    ** apposition, "soldiers clashed" with the noun as the sentence's
    ** root): the noun is its subject; a passive participle
    ** ("the forces backed by X") has none, and has no object */
    else if ((rel_is(d, v, "acl") || rel_is(d, v, "appos")) && h < v &&
             (xpos_is(d, v, "VBD") || rel_is(d, v, "appos") || head_of(d, h) < 0 ||
              find_child(d, t, v, "obj", 0, NULL) >= 0) &&
             (upos_is(d, h, "NOUN") || upos_is(d, h, "PROPN")))
        add_with_conj(d, t, s, h);
}

/* ---------------------------------------------------------------- context */

#define HYPOTHETICAL "fear|hope|expect|believe|think|predict|doubt|wish|speculate|" \
                     "worry|consider|wonder|question|ask|imagine|assume|guess|deny|" \
                     "rule|urge|demand|want|call|propose|recommend|insist|ensure|" \
                     "reject|dismiss"
#define INTENT_VERBS "plan|intend|pledge|promise|vow|offer|agree|aim|prepare|hope|want|" \
                     "seek|decide|propose|threaten|volunteer|undertake|resolve|expect|" \
                     "wish|consider|mull|weigh|move|set|schedule|arrange|look|" \
                     "commit|ready|willing|prepared|eager|keen|determined|due|poised|slated"
/* Nouns whose content clause is told, not asserted. */
#define HEARSAY_NOUNS "report|claim|allegation|rumour|rumor|suggestion|accusation|" \
                      "speculation|fear|charge|assertion|possibility|prospect"
#define PARTICLES "off|up|down|out|back|away|over"
#define PARTITIVE_NOUNS "round|series|wave|spate|string|number|couple|set|batch|host|" \
                        "dozens|hundreds|thousands|scores|tens|millions|tonnes|tons|" \
                        "tonne|ton|barrels|doses|shipments|consignment|consignments|tens|week|weeks|day|days|" \
                        "hour|hours|month|months"
/* Nouns of commitment whose to-clause is promised, not done. */
#define RESOLVE_NOUNS "resolve|pledge|promise|commitment|determination|vow|readiness|" \
                      "willingness|plan|intention|interest|desire|eagerness"
/* Nouns whose to-clause is done: "Algeria's decision to suspend the treaty". */
#define DECISION_NOUNS "decision|move"
/* ties between parties, whose with-phrase names the partner */
#define TIE_NOUNS "treaty|agreement|accord|pact|deal|relations|ties|cooperation|partnership|" \
    "alliance|talks|negotiations|dialogue|border"
#define REJECT_VERBS "refuse|decline|reject|balk"
#define APPEAL_VERBS "urge|call|ask|appeal|demand|request|press|order|force|allow|permit|" \
                     "try|attempt|fail|invite|encourage|persuade|tell|advise|warn|" \
                     "pressure|implore|beg|need|forbid|prevent|stop|avoid|refrain|" \
                     "deny|accuse|cease|halt|authorize|authorise|approve|expect"
/* Governors that pass their complement through as done; a vote enacts what
** it is for ("the parliament voted to condemn"). */
#define TRANSPARENT "continue|begin|start|resume|keep|go|manage|proceed|help|come|" \
                    "appear|seem|claim|launch|step|use|vote"
/* Nouns for those related to their possessor: "Somalia's neighbours" are
** not Somalia. */
#define RELATIVE_NOUNS "neighbour|neighbor|ally|partner|friend|enemy|rival|foe|" \
                       "counterpart|relative|family|people|citizen|resident|national"
/* Verbs whose object noun carries the event ("made a call", "launched
** strikes"); the subject of the verb is the event's source. */
#define LIGHT_VERBS "make|hold|have|conduct|carry|launch|stage|mount|pay|give|deliver|" \
                    "host|extend|continue|resume|intensify|step|begin|start|maintain|" \
                    "sign|reach|undertake"
#define MODALS "would|could|might|may|should|must|can|ought|need"
#define NATURAL_CAUSES "flood|storm|earthquake|quake|cyclone|hurricane|typhoon|landslide|" \
                       "mudslide|blaze|wildfire|heat|heatwave|drought|disease|outbreak|" \
                       "epidemic|accident|crash|collision|avalanche|lightning|tsunami|" \
                       "eruption|famine|rain|rains|snow|flooding|collapse|derailment|bus|train|ferry"
#define NEGATORS "not|never|n't|no|neither|nor|without"
/* Craft that carry people or goods; they arrive, they do not visit. */
#define CRAFT_NOUNS "plane|aircraft|jet|airliner|helicopter|ship|vessel|boat|dinghy|ferry|" \
                    "tanker|freighter|convoy|truck|lorry|flight"
/* The sectors that act for a state: its own side. */
#define STATE_SECTORS "GOV|MIL|COP|SPY"
/* Nouns for a crowd that protests. */
#define PROTEST_NOUNS "protester|protestor|demonstrator|marcher"
/* Nouns for people who may do harm unnamed. */
#define PERSON_NOUNS "man|men|gunman|gunmen|attacker|attackers|assailant|assailants|bomber|" \
                     "militant|militants|fighter|fighters|people|person|individual|" \
                     "suspect|suspects|mob|crowd|group|unknown|someone|raider|raiders|" \
                     "kidnapper|kidnappers|sniper|snipers|shooter|shooters"

/* "announced plans to ease restrictions" with "to ease" hung on the verb
** (or "thanked the Netherlands for its decision to send"): the noun of
** commitment, plan or decision, object or oblique of the verb, right
** before a to-clause v of that verb, whose clause v is, or -1. */
static int32_t noun_of_to_clause(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int32_t m = find_child(d, t, v, "mark", 0, "to"), h = head_of(d, v);
    if (!rel_is(d, v, "advcl") || m < 0 || m - 1 < t->w0 || h < 0)
        return -1;
    int32_t n = m - 1;
    return (rel_is(d, n, "obj") || rel_base(d, n, "obl")) && head_of(d, n) == h &&
                   lemma_in(d, n, RESOLVE_NOUNS "|" DECISION_NOUNS)
               ? n : -1;
}

/* The mode a word's own children give it: negated or hypothetical clauses
** block, a future auxiliary makes an intent. */
static int own_mode(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int mode = MODE_FACT;
    for (int32_t c = child(t, v); c >= 0; c = sibling(t, c)) {
        if ((rel_is(d, c, "advmod") || rel_is(d, c, "neg") || rel_is(d, c, "det") ||
             rel_is(d, c, "cc:preconj")) && lemma_in(d, c, NEGATORS))
            return MODE_BLOCK;
        if (rel_is(d, c, "aux") && lemma_in(d, c, "would|'d"))
            mode = MODE_WOULD;
        else if (rel_is(d, c, "aux") && lemma_in(d, c, MODALS))
            return MODE_BLOCK;
        if (rel_is(d, c, "aux") && lemma_in(d, c, "will|shall|wo|'ll") && mode != MODE_WOULD)
            mode = MODE_INTENT;
        if (rel_is(d, c, "mark") && lemma_in(d, c, "if|unless|whether|lest|though"))
            return MODE_BLOCK;
        if (rel_is(d, c, "obj") || rel_is(d, c, "nsubj:pass")) {
            int32_t det = find_child(d, t, c, "det", 0, "no");
            if (det >= 0)
                return MODE_BLOCK;
        }
        /* "Neither Ghana nor Togo has recognised", "No country has" */
        if (rel_base(d, c, "nsubj") && (find_child(d, t, c, "cc:preconj", 0, "neither") >= 0 ||
                                        find_child(d, t, c, "det", 0, "no|neither") >= 0))
            return MODE_BLOCK;
    }
    return mode;
}

/* Is v a past participle the parse hung on a perfect "have" as its open
** complement ("Kirby had stressed ..." with "had" the root)?  "have" is
** then the auxiliary, and the participle's clause the sentence's own. */
static int perfect_misread(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int32_t h = head_of(d, v);
    return h >= 0 && rel_is(d, v, "xcomp") && xpos_is(d, v, "VBN") && h < v &&
           lemma_in(d, h, "have") && find_child(d, t, v, "mark", 0, NULL) < 0 &&
           find_child(d, t, h, "obj", 0, NULL) < 0;
}

/* The mode of the clause of v, from its own words and the verbs that
** govern it.  *reported is set when it passes through reported speech,
** *vague when through a governor the rules do not know. */
static int clause_mode(const annals_doc *d, const struct sent_tree *t, int32_t v,
                       int *reported, int *vague)
{
    int mode = own_mode(d, t, v);
    int32_t cur = v;
    /* "announced it would donate": the future of reported speech, a
    ** promise; any other "would" is hypothetical */
    if (mode == MODE_WOULD)
        mode = rel_is(d, v, "ccomp") && head_of(d, v) >= 0 &&
                       upos_is(d, head_of(d, v), "VERB") &&
                       lemma_in(d, head_of(d, v), SPEECH_VERBS "|pledge|promise|vow|threaten|warn")
                   ? MODE_INTENT
                   : MODE_BLOCK;
    for (int depth = 0; mode != MODE_BLOCK && depth < 8; depth++) {
        int64_t h64 = W(d, cur)->head;
        if (h64 < 0)
            break;
        /* ", with Baku saying ...": a clause with its own subject opened by
        ** "with" asserts on its own, wherever the parse hung it (here under
        ** "accused ... of violating", which would block it) */
        if (rel_is(d, cur, "advcl") && find_child(d, t, cur, "mark", 0, "with") >= 0 &&
            find_child(d, t, cur, "nsubj", 0, NULL) >= 0)
            break;
        int32_t h = (int32_t)h64;
        /* "demanded on Wednesday that Caracas release ...": a that-clause
        ** the parse hung on the time expression before it, as a relative
        ** clause, is the complement of the verb the time expression dates */
        int misread = rel_base(d, cur, "acl") && in_timex(d, h) && head_of(d, h) >= 0 &&
                      upos_is(d, head_of(d, h), "VERB") && opens_with_that(d, t, cur);
        if (misread)
            h = head_of(d, h);
        /* "marched to demand higher wages, blocking traffic", "seeking to
        ** annul the vote, accusing the commission" with the participle hung
        ** on the to-clause: set off by a comma, it tells of the clause that
        ** the to-clause serves, and takes no aim or wish from it */
        if (rel_is(d, cur, "advcl") && xpos_is(d, cur, "VBG") && cur > t->w0 &&
            lemma_in(d, cur - 1, ","))
            for (int k = 0; k < 4 && (rel_is(d, h, "xcomp") || rel_is(d, h, "advcl")) &&
                            find_child(d, t, h, "mark", 0, "to") >= 0 && head_of(d, h) >= 0;
                 k++)
                h = head_of(d, h);
        int hm = own_mode(d, t, h);
        if (hm == MODE_WOULD)
            hm = MODE_BLOCK;    /* "would say that ..." */
        if (rel_is(d, cur, "conj")) {
            /* "did not meet or call": the negation of the first verb spreads */
            if (hm == MODE_BLOCK && upos_is(d, h, "VERB"))
                return MODE_BLOCK;
        } else if (perfect_misread(d, t, cur)) {
            ;                       /* "Kirby had stressed": the clause's own verb */
        } else if (noun_of_to_clause(d, t, cur) >= 0) {
            /* the noun's clause: promised ("plans to ease"), or as it says
            ** ("the decision to suspend") */
            if (lemma_in(d, noun_of_to_clause(d, t, cur), RESOLVE_NOUNS))
                mode = mode == MODE_FACT ? MODE_INTENT : mode;
            break;
        } else if (rel_is(d, cur, "xcomp") ||
                   ((rel_is(d, cur, "advcl") || rel_is(d, cur, "ccomp")) &&
                    find_child(d, t, cur, "mark", 0, "to") >= 0)) {
            if (is_passive(d, t, h) && lemma_in(d, h, "expect|schedule|set|slate|plan"))
                mode = mode == MODE_FACT ? MODE_INTENT : mode;  /* "is expected to meet" */
            else if (lemma_in(d, h, APPEAL_VERBS) && !commands_own(d, t, h))
                return MODE_BLOCK;  /* the appeal is the event, not what it asks for */
            if (lemma_in(d, h, PROMPT_VERBS) || commands_own(d, t, h))
                ;                   /* "prompted Tokyo to protest": done */
            else if (lemma_in(d, h, REJECT_VERBS))
                mode = mode == MODE_FACT ? MODE_REJECT : MODE_BLOCK;
            else if (lemma_in(d, h, INTENT_VERBS))
                mode = mode == MODE_FACT ? MODE_INTENT : mode;
            else if (!lemma_in(d, h, TRANSPARENT) && rel_is(d, cur, "advcl"))
                mode = mode == MODE_FACT ? MODE_INTENT : mode;   /* purpose: "sent troops to attack" */
            else if (!lemma_in(d, h, TRANSPARENT))
                return MODE_BLOCK;  /* urged, asked, tried, failed, allowed ... to */
            else if (hm == MODE_INTENT && mode == MODE_FACT)
                mode = MODE_INTENT; /* "will continue to provide": still a promise */
        } else if (misread || rel_is(d, cur, "ccomp") || rel_is(d, cur, "parataxis")) {
            /* a noun head ("the call" above a misattached clause) is no verb
            ** of belief or saying */
            if (upos_is(d, h, "VERB") && lemma_in(d, h, HYPOTHETICAL))
                return MODE_BLOCK;
            if (upos_is(d, h, "VERB") && lemma_in(d, h, SPEECH_VERBS))
                *reported = 1;
            else
                *vague = 1;
        } else if (rel_is(d, cur, "advcl")) {
            int32_t m = find_child(d, t, cur, "mark", 0, NULL);
            if (m >= 0 && lemma_in(d, m, "if|unless|whether|lest|without|instead|rather|from"))
                return MODE_BLOCK;  /* "barred him from leaving" */
            if (m >= 0 && lemma_in(d, m, "of|for") &&
                lemma_in(d, h, "accuse|blame|suspect|charge|deny|allege|criticise|criticize|"
                               "condemn|convict|arrest|punish|praise|thank|investigate"))
                return MODE_BLOCK;
        } else if (rel_base(d, cur, "acl")) {
            int32_t m = find_child(d, t, cur, "mark", 0, NULL);
            if (lemma_in(d, h, HEARSAY_NOUNS))
                return MODE_BLOCK;  /* "denied reports that its troops fought" */
            if (m >= 0 && lemma_in(d, m, "to|in") && lemma_in(d, h, RESOLVE_NOUNS))
                mode = mode == MODE_FACT ? MODE_INTENT : mode;  /* "the resolve to continue",
                                                                ** "interest in improving" */
            else if (m >= 0 && lemma_in(d, m, "to") && lemma_in(d, h, DECISION_NOUNS) &&
                     (!rel_is(d, h, "obj") || lemma_in(d, head_of(d, h), SPEECH_VERBS)))
                ;   /* "the decision to suspend": as the clause says, unless a
                    ** verb other than one of saying reacts to it ("denounced
                    ** the decision") */
            else if (m >= 0 && lemma_in(d, m, "of|for|to|if|whether"))
                return MODE_BLOCK;  /* "accused of attacking", "plans to attack" */
        } else {
            break;
        }
        if (hm == MODE_BLOCK && !rel_is(d, cur, "conj"))
            return MODE_BLOCK;      /* "did not say that X attacked" */
        cur = h;
    }
    return mode;
}

/* The code for a pattern under a mode; NULL when the mode has no code. */
static const char *mode_code(const struct ev_pattern *pt, int mode)
{
    /* Intent of each root (01..20), then refusal; "" means none. */
    static const char *const intent[21] = {
        "", "", "", "", "036", "032", "031", "033", "035", "", "",
        "", "", "", "133", "", "131", "137", "138", "138", "138"};
    static const char *const reject[21] = {
        "", "", "", "", "125", "120", "121", "121", "124", "", "",
        "", "", "", "", "", "", "", "", "", ""};
    int root = annals__onto_root(pt->code, strlen(pt->code));
    const char *c;

    if (root < 1)
        return NULL;
    if (mode == MODE_FACT)
        return pt->code;
    if (mode == MODE_INTENT) {
        if (root == 3 || root == 13)
            return pt->code;     /* already a promise or a threat */
        c = pt->intent != NULL ? pt->intent : intent[root];
    } else {
        c = pt->reject != NULL ? pt->reject : reject[root];
    }
    return c[0] != '\0' ? c : NULL;
}

/* -------------------------------------------------------------- filters */

/* Words that mark a sentence about sports or entertainment on their own,
** and words that do so only in company: "goals", "squad", "actors",
** "defenders" and "match" are as common in political news. */
#define SPORTS "tournament|championship|goalkeeper|midfielder|stadium|inning|innings|" \
               "wicket|olympics|olympic|semifinal|semi-final|quarterfinal|playoff|" \
               "touchdown|batsman|bowler|tennis|football|soccer|cricket|rugby|" \
               "basketball|baseball|hockey|golf|sitcom|box-office|oscar|grammy|movie|" \
               "album|actress|singer"
#define SPORTS_WEAK "match|league|cup|goal|striker|defender|coach|medal|derby|film|" \
                    "concert|song|episode|actor|premiere|penalty|scorer|fixture|squad|" \
                    "team|final|title|trophy|qualifier|qualifiers"

/* Sports and entertainment sentences code nothing ("Brazil beat Argentina"). */
static int off_topic(const annals_doc *d, const struct sent_tree *t)
{
    int32_t weak = -1;
    for (int32_t w = t->w0; w < t->w1; w++) {
        if (!upos_is(d, w, "NOUN") && !upos_is(d, w, "PROPN"))
            continue;
        if (lemma_in(d, w, SPORTS))
            return 1;
        if (lemma_in(d, w, SPORTS_WEAK)) {
            const struct doc_word *x = W(d, w);
            if (weak >= 0 && (W(d, weak)->lemma_len != x->lemma_len ||
                              memcmp(W(d, weak)->lemma, x->lemma, x->lemma_len) != 0))
                return 1;
            weak = w;
        }
    }
    return 0;
}

/* A four-digit year modifying w ("the 2001 attacks"). */
static int year_modifier(const annals_doc *d, const struct sent_tree *t, int32_t w, int *year)
{
    for (int32_t c = child(t, w); c >= 0; c = sibling(t, c)) {
        const struct doc_word *x = W(d, c);
        if (x->form_len == 4 && x->form[0] >= '1' && x->form[0] <= '2' &&
            x->form[1] >= '0' && x->form[1] <= '9' && x->form[2] >= '0' &&
            x->form[2] <= '9' && x->form[3] >= '0' && x->form[3] <= '9') {
            *year = (x->form[0] - '0') * 1000 + (x->form[1] - '0') * 100 +
                    (x->form[2] - '0') * 10 + (x->form[3] - '0');
            return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ dates, places */

/* Whether every word after word last and before word h hangs inside
** (last, h]: the words from last to h then make one phrase headed by h. */
static int phrase_up_to(const annals_doc *d, int32_t last, int32_t h)
{
    for (int32_t j = last + 1; j < h; j++)
        if (head_of(d, j) <= last || head_of(d, j) > h)
            return 0;
    return 1;
}

static long date_days(const char *s, size_t n, int *ok)
{
    int y, m = 1, dd = 1;
    *ok = 0;
    if (n < 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *ok = 1;
    if (n >= 7 && s[4] == '-' && s[5] >= '0' && s[5] <= '9' && s[6] >= '0' && s[6] <= '9')
        m = (s[5] - '0') * 10 + (s[6] - '0');
    if (n >= 10 && s[7] == '-' && s[8] >= '0' && s[8] <= '9' && s[9] >= '0' && s[9] <= '9')
        dd = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || dd < 1 || dd > 31) {
        *ok = 0;
        return 0;
    }
    if (*ok == 1 && !(n >= 10 && s[7] == '-'))
        *ok = 2;                /* a month or a year only */
    return annals__timex_days(y, m, dd);
}

static int32_t word_at(const annals_doc *d, const struct sent_tree *t, uint32_t off)
{
    for (int32_t w = t->w0; w < t->w1; w++) {
        const struct doc_token *tk = &d->tok.v[W(d, w)->token];
        if (tk->start <= off && off < tk->end)
            return w;
    }
    return -1;
}

/* The time expression of sentence s that governs v: its head attaches to v
** (directly or through nouns), else to the verb v is conjoined to ("who
** attacked the town in November, released two aid workers on Friday":
** the conjunct's own date counts first). */
static int32_t governing_timex(const annals_doc *d, const struct sent_tree *t, uint32_t s,
                               int32_t v)
{
    int32_t inherited = -1;
    for (size_t i = 0; i < d->timex.n; i++) {
        const struct doc_timex *x = &d->timex.v[i];
        if (x->sentence != s || x->value == NULL || x->type > ANNALS_TIME_TIME || x->vague)
            continue;
        int32_t w = word_at(d, t, x->start);
        if (w < 0)
            continue;
        /* climb out of the expression, then up to the first verb */
        for (int k = 0; k < 12 && w >= 0; k++) {
            int64_t h = W(d, w)->head;
            if (w != v && (upos_is(d, w, "VERB") && !(d->tok.v[W(d, w)->token].start >= x->start &&
                                                       d->tok.v[W(d, w)->token].end <= x->end)))
                break;
            if (w == v)
                return (int32_t)i;
            w = h < 0 ? -1 : (int32_t)h;
        }
        if (w >= 0 && w != v) {
            int32_t u = v;
            for (int k = 0; k < 4 && rel_is(d, u, "conj") && W(d, u)->head >= 0; k++) {
                u = (int32_t)W(d, u)->head;
                if (u == w && inherited < 0)
                    inherited = (int32_t)i;
            }
        }
    }
    return inherited;
}

/* -------------------------------------------------------------- the events */

struct ctx {
    const annals_pipeline *p;
    annals_doc *d;
    struct sent_tree t;
    uint32_t sent;
    size_t first_ev;            /* the first event of the sentence */
    long pub_days;              /* publication date in days, or -1 */
};

static void fill_arg(const annals_doc *d, int32_t w, struct doc_event_arg *a)
{
    const struct doc_actor *ac = w >= 0 ? annals__actor_of_word(d, (size_t)w) : NULL;
    memset(a, 0, sizeof *a);
    a->word = w;
    a->entity = -1;
    if (w < 0)
        return;
    const struct doc_token *tk = &d->tok.v[W(d, w)->token];
    a->start = tk->start;
    a->end = tk->end;
    if (ac == NULL)
        return;
    if (ac->n_words > 0 && ac->first_word + ac->n_words <= d->word.n) {
        a->start = d->tok.v[W(d, (int32_t)ac->first_word)->token].start;
        a->end = d->tok.v[W(d, (int32_t)(ac->first_word + ac->n_words - 1))->token].end;
    }
    a->entity = ac->entity;
    memcpy(a->country, ac->country, sizeof a->country);
    memcpy(a->sector, ac->sector, sizeof a->sector);
    a->country[3] = a->sector[3] = '\0';
    annals__actor_code(ac, a->code);
}

static int same_actor(const struct doc_event_arg *a, const struct doc_event_arg *b)
{
    if (a->word < 0 || b->word < 0)
        return a->word == b->word;
    if (a->entity >= 0 || b->entity >= 0)
        return a->entity == b->entity;
    if (a->code[0] != '\0' || b->code[0] != '\0')
        return strcmp(a->code, b->code) == 0;
    return a->word == b->word;
}

/* Is w a phrase after a noun that is the subject of another verb of
** telling than v ("the foreign ministry in Cairo said")?  A place before
** the noun ("in Nairobi on Monday, officials said", hung on it by the
** parse) is not. */
static int places_teller(const annals_doc *d, int32_t w, int32_t v)
{
    int32_t n = head_of(d, w), tell = n >= 0 ? head_of(d, n) : -1;
    return n >= 0 && n < w && rel_base(d, w, "nmod") && rel_base(d, n, "nsubj") && tell >= 0 &&
           tell != v && lemma_in(d, tell, SPEECH_VERBS);
}

/* Record one event, or one more mention of an event already found. */
static int emit(struct ctx *c, const struct ev_pattern *pt, const char *code, int mode,
                int32_t v, int32_t s, int32_t tg, int conf)
{
    annals_doc *d = c->d;
    struct doc_event e;
    memset(&e, 0, sizeof e);
    fill_arg(d, s, &e.src);
    fill_arg(d, tg, &e.tgt);
    /* an event between no known actors, or of an actor with itself, says nothing */
    if (e.src.code[0] == '\0' && e.tgt.code[0] == '\0')
        return ANNALS_OK;
    if (s >= 0 && tg >= 0 && e.src.code[0] != '\0' && same_actor(&e.src, &e.tgt))
        return ANNALS_OK;
    /* a statement needs a speaker of known affiliation, not a bare role
    ** ("a spokesman said", "investors fear") */
    if ((pt->flags & EVP_SPEECH) && (e.src.code[0] == '\0' || strcmp(e.src.code, e.src.sector) == 0))
        return ANNALS_OK;
    /* a plain statement is dyadic only when it is made to or about
    ** someone: "the statistics office said inflation slowed" and "X said
    ** Y attacked Z" tell no interaction of the speaker's (the content, when
    ** it is one, is coded on its own; docs/EVENTS.md) */
    if (strcmp(code, "010") == 0 && e.tgt.code[0] == '\0')
        return ANNALS_OK;
    /* a mediation between no parties named that describes a thing ("a
    ** ceasefire brokered by the United States", "talks which he has been
    ** mediating") tells what the thing is, not news of its own */
    if (strcmp(code, "045") == 0 && e.tgt.code[0] == '\0' && v >= 0 &&
        (rel_base(d, v, "acl") || relative_clause(d, &c->t, v)))
        return ANNALS_OK;
    /* a show of force by no one ("troops had been sent to hunt down the
    ** attackers"): the forces moved are no target */
    if (code[0] == '1' && code[1] == '5' && e.src.code[0] == '\0')
        return ANNALS_OK;
    if (pt->src != NULL && !in_set(pt->src, e.src.sector, strlen(e.src.sector)))
        return ANNALS_OK;
    /* "agreed to restore relations and to reopen talks": conjoined intents
    ** of one actor to the same other, or to no other named ("agreed to
    ** extend the truce with the rebels and to allow aid convoys in"), are
    ** one promise (deeds so joined are not: "arrested 23 fishermen and
    ** seized three trawlers") */
    if (v >= 0 && rel_is(d, v, "conj") && code[0] == '0' && code[1] == '3')
        for (size_t i = c->first_ev; i < d->ev.n; i++)
            if (d->ev.v[i].trigger == head_of(d, v) && memcmp(d->ev.v[i].code, code, 2) == 0 &&
                same_actor(&d->ev.v[i].src, &e.src) &&
                (e.tgt.code[0] == '\0' || same_actor(&d->ev.v[i].tgt, &e.tgt)))
                return ANNALS_OK;
    /* "expelled the French ambassador, giving him 72 hours to leave": the
    ** deadline of an expulsion is its terms, not a threat of its own */
    if (v >= 0 && code[0] == '1' && code[1] == '3' && (rel_is(d, v, "conj") || rel_is(d, v, "advcl")))
        for (size_t i = c->first_ev; i < d->ev.n; i++)
            if (d->ev.v[i].trigger == head_of(d, v) && same_actor(&d->ev.v[i].src, &e.src) &&
                (annals__onto_root(d->ev.v[i].code, strlen(d->ev.v[i].code)) == 16 ||
                 strcmp(d->ev.v[i].code, "174") == 0))
                return ANNALS_OK;
    /* "set fire to a police station and looted shops": conjoined deeds of
    ** one kind by one actor, done to no one named, are one riot */
    if (v >= 0 && rel_is(d, v, "conj") && e.tgt.code[0] == '\0')
        for (size_t i = c->first_ev; i < d->ev.n; i++)
            if (d->ev.v[i].trigger == head_of(d, v) && strcmp(d->ev.v[i].code, code) == 0 &&
                same_actor(&d->ev.v[i].src, &e.src) && d->ev.v[i].tgt.code[0] == '\0')
                return ANNALS_OK;
    if (e.src.code[0] == '\0')
        conf -= 20;
    if (tg < 0 || e.tgt.code[0] == '\0')
        conf -= 10;
    memcpy(e.code, code, strlen(code) + 1);
    e.mode = (uint8_t)mode;
    e.trigger = v;
    e.pattern = pt;
    e.sentence = c->sent;
    e.place = -1;
    e.timex = governing_timex(d, &c->t, c->sent, v);

    /* date: the governing expression's day, else the publication date */
    if (e.timex >= 0) {
        const struct doc_timex *x = &d->timex.v[e.timex];
        int ok;
        long days = date_days(x->value, x->value_len, &ok);
        if (ok && c->pub_days >= 0 && days < c->pub_days - 366)
            return ANNALS_OK;   /* history told as background: "in 1990" */
        /* "Cambodia and Thailand, whose troops exchanged fire in May,
        ** agreed ...": a relative clause dated months before the story
        ** describes its actors, it is no news of its own */
        /* (a month at least: "last week" is a week value, read as its year) */
        if (ok && c->pub_days >= 0 && days < c->pub_days - 90 && x->value_len >= 7 &&
            x->value[5] >= '0' && x->value[5] <= '9' && v >= 0 && relative_clause(d, &c->t, v))
            return ANNALS_OK;
        if (ok == 1) {
            memcpy(e.date, x->value, 10);
            e.date[10] = '\0';
            e.date_source = 1;
        }
    }
    if (e.date_source == 0 && d->meta[ANNALS_META_DATE] != NULL &&
        d->meta_len[ANNALS_META_DATE] >= 10) {
        memcpy(e.date, d->meta[ANNALS_META_DATE], 10);
        e.date[10] = '\0';
        e.date_source = 2;
    }

    /* place: a place the sentence names as a location ("in Kunduz"), or
    ** as the destination of a visit ("flew to Bangkok"), not as an actor,
    ** and not the dateline */
    int visit = strcmp(pt->code, "042") == 0;   /* or the intent of one */
    for (size_t i = 0; i < d->place.n && e.place < 0; i++) {
        const struct doc_place *pl = &d->place.v[i];
        if (pl->sentence != c->sent || pl->source == 1 /* dateline */ || pl->end == 0)
            continue;
        int32_t w = word_at(d, &c->t, pl->end - 1), last = w;
        /* the head of a name of several words ("Addis Ababa"), or of the
        ** noun phrase it opens ("the Torkham border crossing"), not a word
        ** further on that the parse hung it on ("in Nairobi on Monday,
        ** officials said" with "Nairobi" a compound of "officials") */
        for (int k = 0; k < 4 && w >= 0 && (rel_is(d, w, "flat") || rel_is(d, w, "compound")) &&
                        head_of(d, w) >= 0 &&
                        d->tok.v[W(d, head_of(d, w))->token].start >= pl->start &&
                        (d->tok.v[W(d, head_of(d, w))->token].start < pl->end ||
                         phrase_up_to(d, last, head_of(d, w)));
             k++)
            w = head_of(d, w);
        /* a locative preposition makes a location whatever relation the
        ** parse gave its phrase ("in Nairobi" read as a compound), unless
        ** it places the one who tells of the event ("..., the foreign
        ** ministry in Cairo said") */
        if (w >= 0 && !places_teller(d, w, v) &&
            (find_child(d, &c->t, w, "case", 0, "in|at|near|outside|inside|around|across") >= 0 ||
             ((rel_base(d, w, "obl") || rel_base(d, w, "nmod")) && visit &&
              find_child(d, &c->t, w, "case", 0, "to") >= 0 &&
              (head_of(d, w) == v || (head_of(d, w) >= 0 && head_of(d, head_of(d, w)) == v)))))
            e.place = (int32_t)i;
    }

    /* fighting over a place, or a visit to one, with no actor named for its
    ** side ("took control of six provincial capitals" where the sentence
    ** names Afghanistan, "arrived in Pyongyang"): the target is the place's
    ** country */
    if (e.tgt.code[0] == '\0' && tg < 0 && e.place >= 0 && c->p->gaz != NULL &&
        ((pt->code[0] == '1' && pt->code[1] == '9') || visit)) {
        const struct doc_place *pl = &d->place.v[e.place];
        struct gaz_place gp;
        struct gaz_country gc;
        annals__gaz_place(c->p->gaz, pl->place, &gp);
        annals__gaz_country(c->p->gaz, gp.country, &gc);
        int32_t pw = word_at(d, &c->t, pl->end - 1);
        if (pw >= 0 && (strcmp(gc.alpha3, e.src.country) != 0 || e.src.sector[0] != '\0')) {
            e.tgt.word = pw;
            e.tgt.entity = -1;
            memcpy(e.tgt.code, gc.alpha3, 4);
            memcpy(e.tgt.country, gc.alpha3, 4);
            e.tgt.start = pl->start;
            e.tgt.end = pl->end;
        }
    }

    /* a nominal event names both sides ("Russia's blockade of Ukrainian
    ** ports"), its place standing in for the side attacked */
    if (pt->noun && (e.src.code[0] == '\0' || e.tgt.code[0] == '\0'))
        return ANNALS_OK;

    /* evidence: from the first to the last of trigger, source and target */
    const struct doc_token *tv = &d->tok.v[W(d, v)->token];
    e.start = tv->start;
    e.end = tv->end;
    if (s >= 0 && e.src.start < e.start) e.start = e.src.start;
    if (s >= 0 && e.src.end > e.end) e.end = e.src.end;
    if (tg >= 0 && e.tgt.start < e.start) e.start = e.tgt.start;
    if (tg >= 0 && e.tgt.end > e.end) e.end = e.tgt.end;
    e.confidence = (uint8_t)(conf < 5 ? 5 : conf > 99 ? 99 : conf);

    /* a verb and its complement telling one event ("threatened to suspend
    ** talks with the rebels": 134 from each), the one with a target kept */
    for (size_t i = c->first_ev; i < d->ev.n; i++) {
        struct doc_event *o = &d->ev.v[i];
        if (strcmp(o->code, e.code) != 0 || !same_actor(&o->src, &e.src))
            continue;
        if (o->tgt.code[0] == '\0' && e.tgt.code[0] != '\0' && head_of(d, v) == o->trigger) {
            o->tgt = e.tgt;
            if (e.start < o->start) o->start = e.start;
            if (e.end > o->end) o->end = e.end;
            d->evm.v[o->first_mention].start = o->start;
            d->evm.v[o->first_mention].end = o->end;
            return ANNALS_OK;
        }
        if (o->tgt.code[0] != '\0' && e.tgt.code[0] == '\0' && head_of(d, o->trigger) == v)
            return ANNALS_OK;
    }
    /* "exchanged fire ..., killing a soldier": a participle telling what an
    ** event of the same root did is part of it, also when the parse hung it
    ** on the noun whose phrase holds the event ("guards exchanged fire,
    ** killing" with "exchanged" an adjective of "fire", the object of
    ** "guards") */
    int32_t pv = v;         /* "killing nine soldiers and wounding 15" */
    while (rel_is(d, pv, "conj") && xpos_is(d, pv, "VBG") && head_of(d, pv) >= 0 &&
           xpos_is(d, head_of(d, pv), "VBG"))
        pv = head_of(d, pv);
    int32_t ph = head_of(d, pv);
    int noun_phrase = ph >= 0 && (upos_is(d, ph, "NOUN") || upos_is(d, ph, "PROPN"));
    for (size_t i = c->first_ev; rel_is(d, pv, "advcl") && xpos_is(d, pv, "VBG") && i < d->ev.n; i++)
        if ((d->ev.v[i].trigger == ph || (noun_phrase && dominated_by(d, d->ev.v[i].trigger, ph))) &&
            (memcmp(d->ev.v[i].code, e.code, 2) == 0 || lemma_in(d, v, "force|drive|leave")))
            return ANNALS_OK;   /* "..., forcing villagers to flee": what it caused */

    /* the same interaction stated again, as it was or in general terms
    ** ("made a telephone call" 041, then "discussed" 040): one more mention */
    for (size_t i = 0; i < d->ev.n; i++) {
        struct doc_event *o = &d->ev.v[i];
        int restated = strcmp(o->code, e.code) == 0 ||
                       (strlen(e.code) == 3 && e.code[2] == '0' &&
                        memcmp(o->code, e.code, 2) == 0 && tg >= 0);
        if (!restated || strcmp(o->date, e.date) != 0 || !same_actor(&o->src, &e.src) ||
            !same_actor(&o->tgt, &e.tgt))
            continue;
        if (o->sentence == e.sentence && o->trigger == e.trigger)
            return ANNALS_OK;   /* a second pattern reading of the same words */
        struct doc_event_mention *m = DOC_PUSH(d, d->evm);
        if (m == NULL)
            return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
        m->sentence = e.sentence;
        m->start = e.start;
        m->end = e.end;
        m->next = -1;
        int32_t k = (int32_t)o->first_mention;
        while (d->evm.v[k].next >= 0)
            k = d->evm.v[k].next;
        d->evm.v[k].next = (int32_t)(d->evm.n - 1);
        o->mentions++;
        if (e.confidence > o->confidence)
            o->confidence = e.confidence;
        return ANNALS_OK;
    }
    struct doc_event_mention *m = DOC_PUSH(d, d->evm);
    if (m == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    m->sentence = e.sentence;
    m->start = e.start;
    m->end = e.end;
    m->next = -1;
    e.mentions = 1;
    e.first_mention = (uint32_t)(d->evm.n - 1);
    struct doc_event *slot = DOC_PUSH(d, d->ev);
    if (slot == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    *slot = e;
    return ANNALS_OK;
}

/* The patterns of a lemma: [*lo, *hi) of the table. */
static void pattern_range(const char *lemma, size_t n, size_t *lo, size_t *hi)
{
    size_t a = 0, b = annals__ev_n_patterns;
    char key[48];
    *lo = *hi = 0;
    if (n == 0 || n >= sizeof key)
        return;
    for (size_t i = 0; i < n; i++)
        key[i] = (char)lower((unsigned char)lemma[i]);
    key[n] = '\0';
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (strcmp(annals__ev_patterns[m].lemma, key) < 0)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    while (a < annals__ev_n_patterns && strcmp(annals__ev_patterns[a].lemma, key) == 0)
        a++;
    *hi = a;
}

/* What a pattern needs of the parse around its trigger. */
struct frame {
    int32_t v, obj, xc, passive, iobj;
    int32_t prt;                /* a particle parsed as a preposition, or -1 */
};

/* Does verb v call its object obj one of preds?  The parser reads the
** predicate of "called the move insufficient", "called the verdict a
** travesty", "called the operation a violation" or "called the arrest a
** politically motivated attempt" as an adjective after the object (which
** the frame may have taken for the object itself), an open complement, a
** conjunct of the object or a second object; a predicate noun may say it
** by its adjective ("a motivated attempt"). */
static int names_object(const annals_doc *d, const struct sent_tree *t, int32_t v, int32_t obj,
                        int32_t xc, const char *preds)
{
    if (obj < 0)
        return 0;
    if ((rel_is(d, obj, "amod") && lemma_in(d, obj, preds)) ||
        find_child(d, t, obj, "amod", 0, preds) > obj)
        return 1;
    for (int32_t c = child(t, v); c >= 0; c = sibling(t, c))
        if (c > obj && (rel_is(d, c, "obj") || c == xc) &&
            (lemma_in(d, c, preds) || find_child(d, t, c, "amod", 0, preds) >= 0))
            return 1;
    for (int32_t c = child(t, obj); c >= 0; c = sibling(t, c))
        if (rel_is(d, c, "conj") &&
            (lemma_in(d, c, preds) || find_child(d, t, c, "amod", 0, preds) >= 0))
            return 1;
    return 0;
}

static int pattern_holds(struct ctx *c, const struct ev_pattern *pt, const struct frame *f,
                         const struct args *src)
{
    const annals_doc *d = c->d;
    const struct sent_tree *t = &c->t;
    int32_t obj = f->obj;

    if (pt->xcomp != NULL && (f->xc < 0 || !lemma_in(d, f->xc, pt->xcomp)))
        return 0;
    if (obj < 0 && pt->xcomp != NULL && f->xc >= 0)
        obj = find_child(d, t, f->xc, "obj", 0, NULL);   /* "threaten to cut aid" */
    if (pt->obj != NULL && (obj < 0 || !lemma_in(d, obj, pt->obj)))
        return 0;
    if (pt->objc != NULL) {
        int32_t base = obj >= 0 ? obj : f->v;
        if (find_child(d, t, base, "compound", 0, pt->objc) < 0 &&
            find_child(d, t, base, "amod", 0, pt->objc) < 0)
            return 0;
    }
    if (pt->pred != NULL && !names_object(d, t, f->v, obj, f->xc, pt->pred))
        return 0;
    /* a particle may be parsed as an adverb ("pulled its troops back") */
    if (pt->prt != NULL && find_child(d, t, f->v, "compound:prt", 0, pt->prt) < 0 &&
        find_child(d, t, f->v, "advmod", 0, pt->prt) < 0 && !lemma_in(d, f->prt, pt->prt))
        return 0;
    if (pt->obl_prep != NULL) {
        /* "asked the UN for help" with the UN read as indirect object: the
        ** phrase may hang on it as on an object */
        int32_t holder = obj >= 0 ? obj
                         : f->iobj >= 0 ? f->iobj
                                        : find_child(d, t, f->v, "iobj", 0, NULL);
        if (find_pp(d, t, f->v, holder, pt->obl_prep, pt->obl) < 0)
            return 0;
    }
    if ((pt->flags & EVP_NEED) && (pt->tgt == NULL || find_pp(d, t, f->v, obj, pt->tgt, NULL) < 0))
        return 0;
    if (pt->subj != NULL) {
        int any = 0;
        for (int i = 0; i < src->n && !any; i++)
            any = lemma_in(d, src->v[i], pt->subj);
        if (!any)
            return 0;
    }
    if (pt->src != NULL) {
        int any = 0;
        for (int i = 0; i < src->n && !any; i++) {
            const struct doc_actor *a = annals__actor_of_word(d, (size_t)src->v[i]);
            any = a != NULL && in_set(pt->src, a->sector, strlen(a->sector));
        }
        if (!any)
            return 0;
    }
    return 1;
}

/* Does an event of this sentence lie in the complement of speech verb v?
** A speech verb set after its clause ("X attacked Y, the rebels said"), or
** a participle that explains an act ("expelled X, saying ..."), has that
** clause for complement. */
static int complement_has_event(const struct ctx *c, size_t first_ev, int32_t v)
{
    const annals_doc *d = c->d;
    /* "expelled a diplomat, saying he had interfered": the saying
    ** explains the act */
    if ((rel_is(d, v, "parataxis") || rel_is(d, v, "advcl")) && head_of(d, v) >= 0)
        v = head_of(d, v);
    for (size_t i = first_ev; i < d->ev.n; i++) {
        int32_t w = d->ev.v[i].trigger;
        for (int k = 0; k < 10 && w >= 0; k++) {
            if (w == v)
                return 1;
            w = W(d, w)->head < 0 ? -1 : (int32_t)W(d, w)->head;
        }
    }
    return 0;
}

/* Does word w hold a quotation mark (straight or curly, alone or in a run
** of punctuation such as ',"')? */
static int quote_mark(const annals_doc *d, int32_t w)
{
    const char *f = W(d, w)->form;
    size_t n = W(d, w)->form_len;
    if (!upos_is(d, w, "PUNCT"))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (f[i] == '"' || f[i] == '\'' || f[i] == '`' ||
            (i + 2 < n && (unsigned char)f[i] == 0xE2 && (unsigned char)f[i + 1] == 0x80 &&
             (unsigned char)f[i + 2] >= 0x98 && (unsigned char)f[i + 2] <= 0x9F))
            return 1;
    return 0;
}

/* Is speech verb v an attribution set after the clause it reports ("...,
** officials said", "..., South Korea's military said, the third such
** launch"), or a participle adding to one ("the ministry said, adding
** that")?  Its subject follows a comma that follows a verb of the
** sentence, or it is hung on a verb before it with no content clause of its
** own. */
/* "warned that any attack would be met with a crushing response", "warned
** that it would take resolute measures": a warning of what is to come is a
** threat of force when the clause names force (138), a threat when it is
** the speaker's own act (130), else a pessimistic comment (012: "warned
** that the drought would hurt exports"). */
#define FORCE_WORDS "attack|attacks|force|forces|military|war|strike|strikes|retaliation|" \
                    "response|target|invasion|retaliate|respond"
/* The demonstration (141x) for what a demand (104x) asks. */
static const char *demonstration_for(const char *demand)
{
    static const char *const pair[][2] = {
        {"1041", "1411"}, {"1042", "1412"}, {"1043", "1413"}, {"1044", "1414"}};
    for (size_t i = 0; i < sizeof pair / sizeof pair[0]; i++)
        if (strcmp(demand, pair[i][0]) == 0)
            return pair[i][1];
    return "141";
}

static const char *warning_code(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int32_t cc = find_child(d, t, v, "ccomp", 0, NULL);
    /* "warned the United States and Israel that any attack would be met
    ** ...": a content clause the parse hung on the object as a relative
    ** clause or a plain clause of the noun, known by its "that" as a mark */
    int32_t ob = find_child(d, t, v, "obj", 0, NULL);
    for (int32_t k = ob >= 0 && cc < 0 ? child(t, ob) : -1; k >= 0 && cc < 0; k = sibling(t, k))
        if (rel_base(d, k, "acl") && find_child(d, t, k, "mark", 0, "that") >= 0)
            cc = k;
    if (cc < 0 || find_child(d, t, cc, "aux", 0, "will|would|shall") < 0)
        return "012";
    for (int32_t k = t->w0; k < t->w1; k++)
        if (dominated_by(d, k, cc) && lemma_in(d, k, FORCE_WORDS))
            return "138";
    /* the speaker's own act: a pronoun, or an actor of the speaker's
    ** country ("Tehran would respond") */
    int32_t sj = find_child(d, t, cc, "nsubj", 0, NULL);
    struct args sp = {{0}, 0};
    subjects_of(d, t, v, &sp, 0);
    const struct doc_actor *a = sj >= 0 ? annals__actor_of_word(d, (size_t)sj) : NULL;
    const struct doc_actor *b = sp.n > 0 ? annals__actor_of_word(d, (size_t)sp.v[0]) : NULL;
    if (sj >= 0 && (lemma_in(d, sj, "it|we|they|he|she") ||
                    (a != NULL && b != NULL && a->country[0] != '\0' &&
                     strcmp(a->country, b->country) == 0)))
        return "130";
    return "012";
}

/* "Speaking to reporters, the president praised ...", "The president,
** speaking in Accra, said ...": a participle that is the setting of another
** act, whether the parse hangs it on the verb or on the verb's subject. */
static int setting_participle(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int32_t h = head_of(d, v);
    return h >= 0 && xpos_is(d, v, "VBG") && find_child(d, t, v, "ccomp", 0, NULL) < 0 &&
           (rel_is(d, v, "advcl") || (rel_is(d, v, "acl") && rel_is(d, h, "nsubj")));
}

/* Does word k lie in a nominal phrase of v's own ("According to a handout
** issued by the ministry, ... the minister expressed" with "handout" an
** oblique of "expressed", or the phrase made the root with v hung on it)?
** A verb there is no clause that v reports. */
static int in_own_phrase(const annals_doc *d, const struct sent_tree *t, int32_t k, int32_t v)
{
    for (int32_t c = child(t, v); c >= 0; c = sibling(t, c))
        if (rel_base(d, c, "obl") && dominated_by(d, k, c))
            return 1;
    int32_t h = head_of(d, v);
    return h >= 0 && h < v && (upos_is(d, h, "NOUN") || upos_is(d, h, "PROPN")) &&
           find_child(d, t, h, "case", 0, NULL) >= 0 && dominated_by(d, k, h) &&
           !dominated_by(d, k, v);
}

static int verb_read_as_adjective(const annals_doc *d, const struct sent_tree *t, int32_t v);

static int attribution(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int32_t h = head_of(d, v), s = -1, before = 0;
    if (h >= 0 && rel_is(d, v, "advcl") && lemma_in(d, h, SPEECH_VERBS))
        return 1;
    if (setting_participle(d, t, v))
        return 1;
    for (int32_t c = child(t, v); c >= 0; c = sibling(t, c))
        if (rel_is(d, c, "nsubj") && c < v && c > s)
            s = c;          /* the nearest: the parse may hang a second one */
    if (s < 0 && verb_read_as_adjective(d, t, v))
        s = v - 1;          /* "..., a regional official told reporters" */
    if (s >= 0 && s < v) {
        int32_t first = s;
        for (int32_t k = t->w0; k < s; k++)
            if (dominated_by(d, k, s)) {
                first = k;
                break;
            }
        /* the comma may be read as part of the subject ("dozens more, police
        ** officials said") */
        int32_t comma = -1;
        for (int32_t k = first > t->w0 ? first - 1 : first; k < s; k++)
            if (lemma_in(d, k, ","))
                comma = k;
            else if (quote_mark(d, k))
                return 0;   /* '"...," Waweru told reporters': a quotation is said */
        for (int32_t k = t->w0; k < comma; k++)
            if (is_verbal(d, t, k) && !in_own_phrase(d, t, k, v))
                return 1;
    }
    for (int32_t c = child(t, v); c >= 0; c = sibling(t, c)) {
        if ((rel_is(d, c, "ccomp") || rel_is(d, c, "xcomp") || rel_is(d, c, "obj")) && c > v)
            return 0;       /* "said that ...": the content follows */
        before |= rel_is(d, c, "ccomp") || rel_is(d, c, "parataxis");
    }
    /* "..., a government spokesman said": the parse may read the trailing
    ** verb as a discourse marker */
    return before || (h >= 0 && h < v &&
                      (rel_is(d, v, "parataxis") || rel_is(d, v, "conj") || rel_is(d, v, "discourse")) &&
                      is_verbal(d, t, h));
}

/* Is k an actor of another country than sa's? */
static int other_country(const annals_doc *d, int32_t k, const struct doc_actor *sa)
{
    const struct doc_actor *a = annals__actor_of_word(d, (size_t)k);
    return a != NULL && a->country[0] != '\0' && strcmp(a->country, sa->country) != 0;
}

/* Does denial v tell that the denier's own side did not do something?
** Its content is a gerund with no subject of its own ("denied shelling
** the villages") or a clause whose subject is the denier's ("denied that
** its troops had crossed", "Kenyan officials denied that Kenyan troops
** ...").  Denying a claim ("denied the reports") or others' deeds is not. */
static int denies_own_act(const annals_doc *d, const struct sent_tree *t, int32_t v,
                          const struct args *src)
{
    int32_t xc = find_child(d, t, v, "xcomp", 0, NULL);
    if (xc >= 0 && xpos_is(d, xc, "VBG") && find_child(d, t, xc, "nsubj", 0, NULL) < 0)
        return 1;
    int32_t cc = that_clause(d, t, v);
    if (cc < 0 || src->n == 0)
        return 0;
    int32_t s = find_child(d, t, cc, "nsubj", 0, NULL);
    if (s < 0)
        s = find_child(d, t, cc, "nsubj:pass", 0, NULL);
    if (s < 0)
        return 0;
    int32_t poss = find_child(d, t, s, "nmod:poss", 0, NULL);
    if (poss >= 0 && xpos_is(d, poss, "PRP$"))
        return 1;               /* "its troops", "their forces" */
    /* the state's forces, not its rebels ("denied that rebels operate
    ** from its territory" answers a charge about others) */
    const struct doc_actor *sa = annals__actor_of_word(d, (size_t)src->v[0]);
    const struct doc_actor *ca = annals__actor_of_word(d, (size_t)s);
    return sa != NULL && ca != NULL && sa->country[0] != '\0' &&
           strcmp(sa->country, ca->country) == 0 &&
           in_set(STATE_SECTORS, ca->sector, strlen(ca->sector));
}

/* The other party of a relationship named under v, an actor of another
** country than the source's ("expressed interest in improving relations
** with Kenya" -> KEN, "improve the US-Pakistan relationship" said by the US
** -> PAK).  Added to tgt when the verb has no target of its own.  The
** with-phrase may hang on the verb whose object the relationship is. */
static void partner_of_relationship(const annals_doc *d, const struct sent_tree *t, int32_t v,
                                    int32_t source, struct args *tgt)
{
    const struct doc_actor *sa = annals__actor_of_word(d, (size_t)source);
    if (sa == NULL)
        return;
    for (int32_t r = t->w0; r < t->w1; r++) {
        if (!upos_is(d, r, "NOUN") || !lemma_in(d, r, ACTOR_RELATION_NOUNS) || !dominated_by(d, r, v))
            continue;
        for (int32_t k = child(t, r); k >= 0; k = sibling(t, k))
            if ((rel_is(d, k, "compound") || rel_is(d, k, "amod") || rel_base(d, k, "nmod")) &&
                other_country(d, k, sa))
                add_arg(tgt, k);
        int32_t h = (int32_t)W(d, r)->head;
        if (tgt->n == 0 && rel_is(d, r, "obj") && h >= 0)
            for (int32_t k = child(t, h); k >= 0; k = sibling(t, k))
                if (rel_is(d, k, "obl") && find_child(d, t, k, "case", 0, "with") >= 0 &&
                    other_country(d, k, sa))
                    add_arg(tgt, k);
        if (tgt->n > 0)
            return;
    }
}

/* An adjective or compound of noun w that names an actor ("Israeli
** strikes", "a Ukrainian proposal"), or -1. */
static int32_t actor_modifier(const annals_doc *d, const struct sent_tree *t, int32_t w)
{
    for (int32_t k = child(t, w); k >= 0; k = sibling(t, k))
        if ((rel_is(d, k, "amod") || rel_is(d, k, "compound")) &&
            annals__actor_of_word(d, (size_t)k) != NULL)
            return k;
    return -1;
}

/* The actor a noun that is none stands for: its possessor, by-phrase,
** actor adjective, or of-phrase ("condemned Iran's attack", "a Ukrainian
** proposal", "the homes of the attackers"); a source also its from-phrase
** ("delegations from Kenya"), a target the partner of its with- or
** between-phrase ("ruled out talks with the opposition"), and so does an
** object the pattern names ("froze the assets of X"); such an object that a
** pronoun makes the source's own is not itself the target ("pulled its
** troops back"), but its partner may be ("suspended its treaty with
** Spain").  Those related to an actor are not it ("Somalia's
** neighbours").  A target may also stand for its sender or holder
** (sender_of, apart from the clause of the trigger).  -1: none. */
enum { AS_TARGET, AS_SOURCE, AS_OBJECT };

/* The one an event noun is laid on: "a drone strike blamed on the Rapid
** Support Forces", "attacks attributed to the rebels".  The phrase right
** after the participle, however the parse hung it (it often makes the
** name a second subject of the main verb).  -1: none. */
static int32_t blamed_on(const annals_doc *d, const struct sent_tree *t, int32_t w)
{
    for (int32_t k = child(t, w); k >= 0; k = sibling(t, k))
        if (rel_is(d, k, "acl") && xpos_is(d, k, "VBN") && lemma_in(d, k, "blame|attribute") &&
            k + 1 < t->w1 && rel_is(d, k + 1, "case") && lemma_in(d, k + 1, "on|to") &&
            head_of(d, k + 1) > k + 1 && annals__actor_of_word(d, (size_t)head_of(d, k + 1)) != NULL)
            return head_of(d, k + 1);
    return -1;
}

/* The clause of w that says on what condition it holds ("if the United
** States went ahead", read as an adverbial or a complement).  -1: none. */
static int32_t condition_of(const annals_doc *d, const struct sent_tree *t, int32_t w)
{
    for (int32_t k = child(t, w); k >= 0; k = sibling(t, k))
        if ((rel_is(d, k, "advcl") || rel_is(d, k, "ccomp")) &&
            find_child(d, t, k, "mark", 0, "if|unless") >= 0)
            return k;
    return -1;
}

/* Verbs whose object is the subject's own thing, sent, used or held. */
#define SENDING_VERBS "launch|fire|send|fly|deploy|operate|smuggle|plant|lay|supply|ship|use|" \
                      "hold|control|occupy|run|own"

/* The sender or holder of a thing w that a relative clause or participle
** says was launched, fired, sent, used or held ("shot down drones that
** Russia launched", "seized arms the rebels had smuggled", "shelled
** positions held by government troops"): its subject or by-phrase, unless
** that clause is the event's own trigger ("hostages held by an armed
** group").  -1: none. */
static int32_t sender_of(const annals_doc *d, const struct sent_tree *t, int32_t w,
                         int32_t trigger)
{
    for (int32_t r = child(t, w); r >= 0; r = sibling(t, r)) {
        if (!lemma_in(d, r, SENDING_VERBS) || r == trigger)
            continue;
        if (rel_is(d, r, "acl:relcl")) {
            int32_t o = find_child(d, t, r, "obj", 0, NULL);
            if (o < 0 || is_relative(d, o))
                return find_child(d, t, r, "nsubj", 0, NULL);
        } else if (rel_is(d, r, "acl") && xpos_is(d, r, "VBN")) {
            return agent_of(d, t, r);
        }
    }
    return -1;
}

/* The partner phrase (with, between) of tie w ("its border with Belarus",
** "the treaty with Uganda"), also where the parse hung it on w's verb right
** after w's phrase; or -1. */
static int32_t partner_of(const annals_doc *d, const struct sent_tree *t, int32_t w)
{
    int32_t p = find_pp(d, t, w, -1, "with|between", NULL);
    if (p < 0 && lemma_in(d, w, TIE_NOUNS) && head_of(d, w) >= 0) {
        p = find_pp(d, t, head_of(d, w), -1, "with|between", NULL);
        if (p < w || !phrase_up_to(d, w, p))
            p = -1;
    }
    return p;
}

static int32_t stand_in(const annals_doc *d, const struct sent_tree *t, int32_t w, int as,
                        int32_t trigger)
{
    int source = as == AS_SOURCE;
    /* "tens of thousands of Israelis": what the numbers count */
    /* ... and "31 of 40 drones": what the number counts */
    for (int i = 0; i < 3 && (lemma_in(d, w, PARTITIVE_NOUNS) || upos_is(d, w, "NUM")); i++) {
        int32_t of = find_pp(d, t, w, -1, "of", NULL);
        if (of < 0)
            break;
        w = of;
    }
    int32_t k = find_child(d, t, w, "nmod:poss", 0, NULL);
    int own = as == AS_OBJECT && k >= 0 && upos_is(d, k, "PRON");
    if (annals__actor_of_word(d, (size_t)w) != NULL && !own)
        return w;
    if (!upos_is(d, w, "NOUN") || lemma_in(d, w, RELATIVE_NOUNS))
        return -1;
    if (own)
        k = -1;                 /* "pulled its troops back": the source's own */
    /* "moved troops to its border with Belarus": the partner, not the owner */
    if (k >= 0 && upos_is(d, k, "PRON") && !source) {
        int32_t p = partner_of(d, t, w);
        if (p >= 0 && annals__actor_of_word(d, (size_t)p) != NULL)
            return p;
    }
    if (k < 0)
        k = find_pp(d, t, w, -1, "by", NULL);
    if (k < 0)
        k = actor_modifier(d, t, w);
    if (k < 0)
        k = find_pp(d, t, w, -1, source ? "of|from" : "of", NULL);
    if (k < 0 && !source)
        k = partner_of(d, t, w);
    /* "a probe into alleged abuses by Belarusian police": an inquiry's
    ** target did what it looks into, wherever the parse hung the into-phrase */
    if (k < 0 && !source && lemma_in(d, w, "investigation|probe|inquiry")) {
        int32_t into = find_pp(d, t, w, head_of(d, w), "into", NULL);
        if (into >= 0)
            k = find_pp(d, t, into, -1, "by", NULL);
    }
    if (k < 0 && !source)
        k = sender_of(d, t, w, trigger);
    return k >= 0 && annals__actor_of_word(d, (size_t)k) != NULL ? k : -1;
}

/* Actors conjoined inside one noun phrase ("Indian and Chinese soldiers",
** "the foreign ministers of India and Bangladesh"): the conjuncts, else w. */
static void add_spread(const annals_doc *d, const struct sent_tree *t, struct args *a, int32_t w)
{
    /* two actor adjectives side by side, the conjunction hung elsewhere,
    ** or an adjective and a name joined by "and" that the parse hung on
    ** the noun as a compound ("Hungarian and Slovak energy ministers") */
    struct args mods = {{0}, 0};
    for (int32_t k = child(t, w); k >= 0 && upos_is(d, w, "NOUN"); k = sibling(t, k))
        if ((rel_is(d, k, "amod") ||
             (rel_is(d, k, "compound") && mods.n > 0 && upos_is(d, k - 1, "CCONJ"))) &&
            annals__actor_of_word(d, (size_t)k) != NULL &&
            (mods.n == 0 || annals__actor_of_word(d, (size_t)k) !=
                                annals__actor_of_word(d, (size_t)mods.v[0])))
            add_arg(&mods, k);
    if (mods.n >= 2) {
        for (int i = 0; i < mods.n; i++)
            add_arg(a, mods.v[i]);
        return;
    }
    for (int32_t k = child(t, w); k >= 0 && upos_is(d, w, "NOUN"); k = sibling(t, k)) {
        if (!(rel_is(d, k, "amod") || rel_is(d, k, "compound") ||
              (rel_is(d, k, "nmod") && opens_with(d, t, k, "of|from|between"))) ||
            annals__actor_of_word(d, (size_t)k) == NULL)
            continue;
        for (int32_t j = child(t, k); j >= 0; j = sibling(t, j))
            if (rel_is(d, j, "conj") && annals__actor_of_word(d, (size_t)j) != NULL) {
                add_with_conj(d, t, a, k);
                return;
            }
    }
    add_with_conj(d, t, a, w);
}

/* The subject of a finite verb the parse left without one ("Kenyan police
** fired" read as a noun phrase): the nearest actor before it in its clause,
** when no other verb, relative pronoun or clause mark lies between. */
static void nearest_actor_before(const annals_doc *d, const struct sent_tree *t, int32_t v,
                                 struct args *src)
{
    for (int32_t k = v - 1; k >= t->w0; k--) {
        if (upos_is(d, k, "VERB") || upos_is(d, k, "SCONJ") || is_relative(d, k) ||
            (upos_is(d, k, "PUNCT") && !lemma_in(d, k, "-|'|\"")))
            return;
        if (annals__actor_of_word(d, (size_t)k) != NULL && !upos_is(d, k, "PRON") &&
            (upos_is(d, k, "NOUN") || upos_is(d, k, "PROPN"))) {
            add_arg(src, k);
            return;
        }
    }
}

/* The subject of a verb the parse left without one because it read the
** conjunction opening the verb's clause as a preposition ("four days after
** a powerful earthquake struck", "earthquake" hung on "days" and "struck"
** on the main verb): the head of an after-, before- or since-phrase that
** ends right before the verb (or before its auxiliaries), or -1. */
static int32_t subject_in_opening_phrase(const annals_doc *d, const struct sent_tree *t,
                                         int32_t v)
{
    int32_t first = v, n;
    for (int32_t k = child(t, v); k >= 0; k = sibling(t, k))
        if (k < first)
            first = k;
    n = first - 1;
    if (n < t->w0 || head_of(d, n) == v || !(upos_is(d, n, "NOUN") || upos_is(d, n, "PROPN")) ||
        find_child(d, t, n, "case", 0, "after|before|since|until|once") < 0)
        return -1;
    return n;
}

/* Is word w part of the name of a person or organisation ("International"
** of "Amnesty International", whatever its tag)? */
static int in_name(const annals_doc *d, int32_t w)
{
    for (size_t i = 0; i < d->ment.n; i++) {
        const struct doc_mention *m = &d->ment.v[i];
        if ((m->type == ENT_PER || m->type == ENT_ORG) && (uint32_t)w >= m->word &&
            (uint32_t)w < m->word + m->n_word)
            return 1;
    }
    return 0;
}

/* Is v the verb of a clause that the parse read as an adjective of its
** object ("The Brazilian government expressed concern": "expressed" an amod
** of "concern")?  So when an actor (or its conjunct) stands right before
** it and is a noun or a word of a name, or the sentence has no finite verb
** of its own. */
static int verb_read_as_adjective(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    if (!rel_is(d, v, "amod") || !upos_is(d, v, "VERB") || head_of(d, v) <= v || v <= t->w0)
        return 0;
    /* "Chinese warships and fighter jets staged": the conjunct of an actor */
    int32_t a = v - 1;
    if (annals__actor_of_word(d, (size_t)a) == NULL && rel_is(d, a, "conj") && head_of(d, a) < a)
        a = head_of(d, a);
    if (annals__actor_of_word(d, (size_t)a) == NULL)
        return 0;
    /* "... staged large-scale drills", "Amnesty International accused":
    ** right after a noun or a name it is that actor's verb whatever else
    ** the sentence holds ("Israeli occupied" is an adjective before it,
    ** and "-led" a part of a word) */
    if ((upos_is(d, v - 1, "NOUN") || upos_is(d, v - 1, "PROPN") || in_name(d, v - 1)) &&
        !rel_is(d, v - 1, "nmod:poss") && find_child(d, t, v - 1, "case", 0, NULL) < 0)
        return 1;
    /* a finite verb hung on a noun (a relative clause, "the strike that
    ** hit", or a second misread verb, "dissolved parliament and suspended")
    ** is not the clause's own */
    for (int32_t k = t->w0; k < t->w1; k++) {
        int32_t h = xpos_is(d, k, "MD") ? head_of(d, k) : k;
        if ((tensed(d, k) || xpos_is(d, k, "MD")) && h >= 0 &&
            (head_of(d, h) < 0 || upos_is(d, head_of(d, h), "VERB") ||
             upos_is(d, head_of(d, h), "AUX")))
            return 0;
    }
    return 1;
}

/* "The two countries ... agreed ..., Peruvian and Ecuadorean officials
** said": with no interaction told before, the parties are the two countries
** the sentence names, when it names exactly two. */
static void two_countries_of_sentence(const annals_doc *d, const struct sent_tree *t,
                                      struct args *parties)
{
    int32_t w2[2];
    const char *cc[2];
    int n = 0;
    for (int32_t w = t->w0; w < t->w1; w++) {
        const struct doc_actor *a = annals__actor_of_word(d, (size_t)w);
        if (a == NULL || a->country[0] == '\0' || a->org[0] != '\0' ||
            (n > 0 && strcmp(cc[0], a->country) == 0) || (n > 1 && strcmp(cc[1], a->country) == 0))
            continue;
        if (n == 2)
            return;             /* three or more: no telling which two */
        w2[n] = w;
        cc[n++] = a->country;
    }
    if (n == 2) {
        parties->v[0] = w2[0];
        parties->v[1] = w2[1];
        parties->n = 2;
    }
}

static void word_patterns(const annals_doc *d, int32_t w, int verbal, size_t *lo, size_t *hi);

/* Has verb w a lexicon pattern of force (roots 17-20)? */
static int tells_force(const annals_doc *d, const struct sent_tree *t, int32_t w)
{
    size_t lo, hi;
    word_patterns(d, w, is_verbal(d, t, w), &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (!annals__ev_patterns[i].noun &&
            annals__onto_root(annals__ev_patterns[i].code, strlen(annals__ev_patterns[i].code)) >= 17)
            return 1;
    return 0;
}

/* Is what verb or noun v would code no deed of its subjects' own: an
** event of a past year, what nature or a thing does, harm that an act of
** force or a word of cooperation already coded did, or a craft that
** arrives?  The event is then not coded. */
static int no_deed_of_its_own(const struct ctx *c, const struct sent_tree *t, int32_t v,
                              int noun, int passive, const struct args *src,
                              const struct ev_pattern *best, size_t first_ev)
{
    const annals_doc *d = c->d;
    int year;
    /* "the 1994 genocide killed": what an event of a past year did is
    ** history */
    for (int k = 0; !noun && c->pub_days >= 0 && k < src->n; k++)
        if (year_modifier(d, t, src->v[k], &year) &&
            annals__timex_days(year, 12, 31) < c->pub_days - 366)
            return 1;
    /* "floods killed 50 people": no actor does what nature does */
    int natural = !noun && src->n > 0;
    for (int k = 0; k < src->n; k++)
        natural &= lemma_in(d, src->v[k], NATURAL_CAUSES);
    if (natural)
        return 1;
    /* "inflation slowed, helped by lower food prices": what a thing that
    ** is no actor, no person and no event does is no event */
    if (!noun && passive && src->n > 0) {
        int things = 1;
        for (int k = 0; k < src->n; k++) {
            size_t plo, phi;
            word_patterns(d, src->v[k], 0, &plo, &phi);
            things &= upos_is(d, src->v[k], "NOUN") && annals__actor_of_word(d, (size_t)src->v[k]) == NULL &&
                      stand_in(d, t, src->v[k], AS_SOURCE, v) < 0 && !lemma_in(d, src->v[k], PERSON_NOUNS) &&
                      plo == phi;
        }
        if (things)
            return 1;
    }
    /* "a border war that killed", "rocket fire that wounded two soldiers":
    ** a thing that is no actor and no person kills no one */
    if (!noun && lemma_in(d, v, HARM_VERBS) && src->n > 0 && !passive) {
        int things = 1;
        for (int k = 0; k < src->n; k++) {
            int32_t w = is_relative(d, src->v[k]) && head_of(d, v) >= 0 ? head_of(d, v) : src->v[k];
            things &= upos_is(d, w, "NOUN") && annals__actor_of_word(d, (size_t)w) == NULL &&
                      stand_in(d, t, w, AS_SOURCE, v) < 0 && !lemma_in(d, w, PERSON_NOUNS);
        }
        if (things)
            return 1;
    }
    /* "the air strike killed dozens": what an event did is part of it (so
    ** when the parse gives the verb a second subject: "an air strike
    ** blamed on the army killed") */
    for (size_t i = first_ev; !noun && i < d->ev.n; i++) {
        int32_t tr = d->ev.v[i].trigger;
        if (tr >= 0 && head_of(d, tr) == v && rel_base(d, tr, "nsubj"))
            return 1;
        for (int k = 0; k < src->n; k++)
            if (tr == src->v[k] && !rel_is(d, src->v[k], "nmod:poss"))
                return 1;
    }
    /* "shelled a camp on the outskirts of El Fasher, killing 18 civilians":
    ** harm told by a participle of an act of force is what that act did;
    ** so of violent repression ("opened fire on demonstrators, killing
    ** three"), when those harmed are not of a state's forces */
    if (!noun && lemma_in(d, v, HARM_VERBS) && xpos_is(d, v, "VBG") &&
        (rel_is(d, v, "advcl") || rel_is(d, v, "xcomp") || rel_is(d, v, "conj"))) {
        int32_t harmed = find_child(d, t, v, "obj", 0, NULL);
        const struct doc_actor *ha = harmed >= 0 ? annals__actor_of_word(d, (size_t)harmed) : NULL;
        int civil = ha == NULL || !in_set(STATE_SECTORS, ha->sector, strlen(ha->sector));
        for (size_t i = first_ev; i < d->ev.n; i++)
            if (d->ev.v[i].trigger == head_of(d, v) &&
                (annals__onto_root(d->ev.v[i].code, strlen(d->ev.v[i].code)) >= 18 ||
                 (civil && strcmp(d->ev.v[i].code, "175") == 0)))
                return 1;
    }
    /* "appealed for funds to fight an outbreak that has spread ..., killing
    ** 1,500 people": harm told by a participle of a word or deed of
    ** cooperation is not that actor's; the parse hung it on the wrong verb */
    if (!noun && lemma_in(d, v, HARM_VERBS) && xpos_is(d, v, "VBG") && rel_is(d, v, "advcl"))
        for (size_t i = first_ev; i < d->ev.n; i++)
            if (d->ev.v[i].trigger == head_of(d, v) &&
                annals__onto_root(d->ev.v[i].code, strlen(d->ev.v[i].code)) < 10)
                return 1;
    /* "two soldiers were killed when militants ambushed a patrol": harm
    ** done by no one named, told with the act of force that did it */
    for (int32_t k = child(t, v); !noun && src->n == 0 && lemma_in(d, v, HARM_VERBS) && k >= 0;
         k = sibling(t, k))
        if (rel_is(d, k, "advcl") && tells_force(d, t, k) &&
            (find_child(d, t, k, "mark", 0, "when|as|after") >= 0 ||
             find_child(d, t, k, "advmod", 0, "when") >= 0))
            return 1;
    /* "troops recaptured the town ... dozens of militants were killed":
    ** harm done by no one named, after an act of force by a named actor in
    ** the same sentence, is what that act did */
    for (size_t i = first_ev; !noun && src->n == 0 && lemma_in(d, v, HARM_VERBS) && i < d->ev.n; i++)
        if (d->ev.v[i].src.code[0] != '\0' && d->ev.v[i].sentence == c->sent &&
            annals__onto_root(d->ev.v[i].code, strlen(d->ev.v[i].code)) >= 17)
            return 1;
    /* "five Italian planes landed in Benghazi", "a boat carrying refugees
    ** landed": a craft that arrives pays no visit */
    if (!noun && strcmp(best->code, "042") == 0 && src->n > 0 && lemma_in(d, src->v[0], CRAFT_NOUNS))
        return 1;
    return 0;
}

/* "Colombian rebels freed four hostages on Sunday, the Red Cross said"
** with "hostages" hung as the complement of "said", or "met Afghan and
** Pakistani officials ..., a ministry statement said" with "officials" as
** a first subject of "said": the noun right after verb v (its own
** modifiers between) that the parse made the content or an extra subject
** of a later verb of saying is v's object.  Returns it, or -1. */
static int32_t object_read_as_content(const annals_doc *d, const struct sent_tree *t, int32_t v)
{
    int32_t n = v + 1;
    int later_subject = 0;
    while (n < t->w1 && !upos_is(d, n, "NOUN") && !upos_is(d, n, "PROPN"))
        n++;
    if (n >= t->w1 || !(upos_is(d, n, "NOUN") || upos_is(d, n, "PROPN")) ||
        !(rel_is(d, n, "ccomp") || rel_is(d, n, "obj") || rel_is(d, n, "nsubj")))
        return -1;
    for (int32_t k = v + 1; k < n; k++)
        if (!dominated_by(d, k, n))
            return -1;
    int32_t h = head_of(d, n);
    for (int32_t c = h >= 0 ? child(t, h) : -1; c >= 0; c = sibling(t, c))
        later_subject |= c > n && rel_is(d, c, "nsubj");
    if (rel_is(d, n, "nsubj") && !later_subject)
        return -1;
    return h > n && upos_is(d, h, "VERB") && lemma_in(d, h, SPEECH_VERBS) ? n : -1;
}

/* Code the trigger word v against its patterns [lo, hi). */
static int code_word(struct ctx *c, int32_t v, size_t lo, size_t hi, int speech_pass,
                     size_t first_ev)
{
    annals_doc *d = c->d;
    const struct sent_tree *t = &c->t;
    int noun = !is_verbal(d, t, v);
    struct frame f;
    struct args src = {{0}, 0}, tgt = {{0}, 0};

    f.v = v;
    f.passive = !noun && is_passive(d, t, v);
    f.obj = find_child(d, t, v, f.passive ? "nsubj:pass" : "obj", 0, NULL);
    if (f.obj < 0 && f.passive && rel_base(d, v, "acl"))
        f.obj = head_of(d, v);  /* "the ceasefire agreed by A and B" */
    if (f.obj < 0 && !noun && verb_read_as_adjective(d, t, v))
        f.obj = head_of(d, v);  /* "the government expressed concern" */
    if (f.obj < 0 && past_read_as_preposition(d, v))
        f.obj = head_of(d, v);  /* "fighters overran an army base" */
    if (f.obj < 0 && !noun)
        f.obj = object_read_as_content(d, t, v);
    f.xc = find_child(d, t, v, "xcomp", 0, NULL);
    /* "calling it an example for the region", "called the verdict a
    ** travesty": to call something a name is no appeal (only what it is
    ** called may be coded, by a pred= pattern) */
    int naming = !noun && lemma_in(d, v, "call") && f.obj >= 0 && f.xc >= 0 &&
                 (upos_is(d, f.xc, "NOUN") || upos_is(d, f.xc, "ADJ"));
    f.prt = -1;
    f.iobj = -1;
    /* "broke off relations" parsed as a phrase "off relations": the
    ** particle right after the verb, and its noun the object */
    if (f.obj < 0 && !noun)
        for (int32_t k = child(t, v); k >= 0 && f.obj < 0; k = sibling(t, k)) {
            int32_t p = rel_base(d, k, "obl") ? find_child(d, t, k, "case", 0, PARTICLES) : -1;
            if (p == v + 1) {
                f.obj = k;
                f.prt = p;
            }
            /* "gave in to the demands": a particle before the preposition */
            p = rel_base(d, k, "obl") ? find_child(d, t, k, "case", 0, "in") : -1;
            if (p == v + 1 && p + 1 < k && rel_is(d, p + 1, "case") && head_of(d, p + 1) == k)
                f.prt = p;
        }
    /* "shot down 31 of 40 drones" with "down" an adverb of the number: an
    ** adverb particle right after the verb is its particle wherever the
    ** parse hung it */
    if (f.prt < 0 && !noun && v + 1 < t->w1 && rel_is(d, v + 1, "advmod") &&
        lemma_in(d, v + 1, PARTICLES))
        f.prt = v + 1;
    /* "went on strike" with "strike" an open complement: a noun
    ** complement with no mark of a verb with no object is its object */
    if (!noun && f.obj < 0 && f.xc >= 0 && upos_is(d, f.xc, "NOUN") &&
        find_child(d, t, f.xc, "mark", 0, NULL) < 0 && find_child(d, t, f.xc, "cop", 0, NULL) < 0) {
        f.obj = f.xc;
        f.xc = -1;
    }
    /* "promised Jordan fresh support" parsed with the recipient as object
    ** and the thing given as an open complement */
    if (!noun && f.obj >= 0 && f.xc >= 0 && upos_is(d, f.xc, "NOUN") &&
        annals__actor_of_word(d, (size_t)f.obj) != NULL &&
        find_child(d, t, f.xc, "mark", 0, NULL) < 0) {
        f.iobj = f.obj;
        f.obj = f.xc;
        f.xc = -1;
    }
    /* "imposed an arms embargo" read as "arms" described by "embargo": an
    ** adjective after its noun is the noun the phrase is about */
    if (f.obj >= 0 && f.obj + 1 < t->w1 && rel_is(d, f.obj + 1, "amod") &&
        head_of(d, f.obj + 1) == f.obj && find_child(d, t, f.obj + 1, "obj", 0, NULL) < 0)
        f.obj = f.obj + 1;
    /* "held a new round of talks", "sent 2,000 tonnes of rice", "closed two
    ** of its crossings": the object is what the round is of */
    if (f.obj >= 0 && (lemma_in(d, f.obj, PARTITIVE_NOUNS) || upos_is(d, f.obj, "NUM"))) {
        int32_t of = find_pp(d, t, f.obj, -1, "of", NULL);
        if (of >= 0)
            f.obj = of;
    }
    if (f.xc < 0)
        for (int32_t k = child(t, v); k >= 0 && f.xc < 0; k = sibling(t, k))
            if ((rel_is(d, k, "advcl") || rel_is(d, k, "ccomp")) &&
                find_child(d, t, k, "mark", 0, "to") >= 0)
                f.xc = k;
    /* "demanded that Caracas release five citizens", "insisted that the
    ** prime minister resign": an appeal's that-clause is what it asks, and
    ** of whom (the clause hung on a time expression before it counts: "on
    ** Wednesday that ...") */
    if (!noun && f.xc < 0 && f.obj < 0 && lemma_in(d, v, "demand|insist|urge|ask|request")) {
        int32_t k = that_clause(d, t, v);
        int32_t sb = k >= 0 ? find_child(d, t, k, "nsubj", 0, NULL) : -1;
        if (sb >= 0 && annals__actor_of_word(d, (size_t)sb) != NULL) {
            f.xc = k;
            f.iobj = sb;
        }
    }
    /* "urged Iran's neighbours to refrain": the to-clause hung on the noun */
    for (int32_t k = child(t, v); k >= 0 && f.xc < 0 && !noun; k = sibling(t, k))
        if (rel_is(d, k, "obj") || rel_base(d, k, "obl"))
            for (int32_t a = child(t, k); a >= 0 && f.xc < 0; a = sibling(t, a))
                if (rel_is(d, a, "acl") && upos_is(d, a, "VERB") &&
                    find_child(d, t, a, "mark", 0, "to") >= 0)
                    f.xc = a;

    /* an event noun as the object of a light verb ("made a call to",
    ** "held talks with", "continue its support to") takes that verb's
    ** subject, mood and prepositional phrases */
    int32_t light = -1;
    if (noun && rel_is(d, v, "obj") && head_of(d, v) >= 0 &&
        upos_is(d, head_of(d, v), "VERB") && lemma_in(d, head_of(d, v), LIGHT_VERBS))
        light = head_of(d, v);
    for (size_t i = first_ev; light >= 0 && i < d->ev.n; i++)
        if (d->ev.v[i].trigger == light)
            return ANNALS_OK;   /* the verb's own pattern coded the phrase */

    if (noun) {
        /* source of an event noun: possessor, demonym or by-phrase */
        int32_t s = find_child(d, t, v, "nmod:poss", 0, NULL);
        if (s < 0)
            s = find_pp(d, t, v, -1, "by", NULL);
        if (s < 0)
            s = blamed_on(d, t, v);
        if (s < 0)
            s = actor_modifier(d, t, v);
        if (s < 0 && find_child(d, t, v, "cop", 0, NULL) >= 0) {
            s = find_child(d, t, v, "nsubj", 0, NULL);  /* "X was in talks with Y" */
            if (s >= 0 && is_relative(d, s) && rel_base(d, v, "acl"))
                s = head_of(d, v);  /* "the minister, who is on a visit to" */
        }
        if (s >= 0)
            add_with_conj(d, t, &src, s);
        else if (light >= 0)
            subjects_of(d, t, light, &src, 0);
    } else {
        subjects_of(d, t, v, &src, 0);
        /* "four days after a powerful earthquake struck the region", the
        ** parse making "days" the subject: a time is no doer, the phrase
        ** it is counted from is */
        for (int i = 0; i < src.n; i++)
            if (in_timex(d, src.v[i])) {
                int32_t from = find_pp(d, t, src.v[i], -1, "after|before|since", NULL);
                if (from >= 0)
                    src.v[i] = from;
            }
        /* ... and a verb whose own subject the parse read into an
        ** after-phrase takes it rather than one shared with a conjunct */
        if (!f.passive && tensed(d, v) && !rel_base(d, v, "acl") &&
            find_child(d, t, v, "nsubj", 1, NULL) < 0) {
            int32_t n = subject_in_opening_phrase(d, t, v);
            if (n >= 0) {
                src.n = 0;
                add_arg(&src, n);
            }
        }
        if (src.n == 0 && !f.passive &&
            (tensed(d, v) || !upos_is(d, v, "VERB") || verb_read_as_adjective(d, t, v)))
            nearest_actor_before(d, t, v, &src);
    }

    const struct ev_pattern *best = NULL;
    for (size_t i = lo; i < hi; i++) {
        const struct ev_pattern *pt = &annals__ev_patterns[i];
        if (pt->noun != noun || ((pt->flags & EVP_SPEECH) != 0) != speech_pass ||
            (naming && pt->pred == NULL))
            continue;
        /* a name called ("calling the reform a violation") outranks
        ** whatever the parse of the name may also match */
        int outranks = best == NULL || (pt->pred != NULL && best->pred == NULL) ||
                       (pt->nconds > best->nconds && (pt->pred != NULL || best->pred == NULL));
        if (outranks && pattern_holds(c, pt, &f, &src))
            best = pt;
    }
    if (best == NULL || (!noun && commands_own(d, t, v)))
        return ANNALS_OK;
    if (speech_pass && complement_has_event(c, first_ev, v))
        return ANNALS_OK;
    /* "lodged a protest with China ..., calling the arrest unacceptable":
    ** what a disapproval already told calls its cause is its reason */
    for (size_t i = first_ev; best->pred != NULL && i < d->ev.n; i++)
        if (memcmp(d->ev.v[i].code, "11", 2) == 0)
            return ANNALS_OK;
    /* "X crossed the border, a military official said": an attribution set
    ** after its clause says where the news came from; it is no statement of
    ** its own when the clause holds no event */
    if (speech_pass && attribution(d, t, v))
        return ANNALS_OK;
    /* "the visit of the Indian president to Dhaka": the of-phrase is the
    ** agent unless it is the pattern's target ("the arrest of") */
    if (noun && src.n == 0 && light < 0 && (best->tgt == NULL || !in_set(best->tgt, "of", 2))) {
        int32_t of = find_pp(d, t, v, -1, "of", NULL);
        if (of >= 0)
            add_with_conj(d, t, &src, of);
    }
    /* "The Polish prime minister, in a telephone call with the German
    ** chancellor, asked ...", "told reporters after talks with": a meeting
    ** or call in a phrase of the subject or of its verb is the subject's,
    ** and so is one counted in days or rounds ("after two days of talks") */
    int32_t phrase = v;
    if (noun && rel_is(d, v, "nmod") && find_child(d, t, v, "case", 0, "of") >= 0 &&
        head_of(d, v) >= 0 && lemma_in(d, head_of(d, v), PARTITIVE_NOUNS))
        phrase = head_of(d, v);
    if (noun && src.n == 0 && light < 0 && memcmp(best->code, "04", 2) == 0 &&
        find_child(d, t, phrase, "case", 0, "in|at|during|after|on") >= 0 &&
        head_of(d, phrase) >= 0) {
        int32_t h = head_of(d, phrase);
        if (rel_is(d, phrase, "nmod") && rel_base(d, h, "nsubj"))
            add_with_conj(d, t, &src, h);
        else if (rel_is(d, phrase, "obl") && is_verbal(d, t, h))
            subjects_of(d, t, h, &src, 0);
    }

    int reported = 0, vague = 0, year;
    int mode = !noun ? clause_mode(d, t, v, &reported, &vague)
               : light >= 0 ? clause_mode(d, t, light, &reported, &vague) : MODE_FACT;
    /* "ahead of a papal envoy's visit", "before next week's talks": still
    ** to come */
    int32_t cs = noun ? find_child(d, t, v, "case", 0, NULL) : -1;
    if (mode == MODE_FACT && cs >= 0 &&
        (lemma_in(d, cs, "before") || (lemma_in(d, cs, "of") && cs > t->w0 && lemma_in(d, cs - 1, "ahead"))))
        mode = MODE_INTENT;
    /* "a fifth round of talks ... would take place in Rome next week",
    ** "the summit will be held in Doha": an event noun whose clause is
    ** still to come is intended */
    int32_t np = noun && rel_is(d, v, "nmod") && lemma_in(d, head_of(d, v), PARTITIVE_NOUNS)
                     ? head_of(d, v) : v;  /* "a fifth round of talks" */
    if (noun && mode == MODE_FACT && rel_base(d, np, "nsubj") && head_of(d, np) >= 0 &&
        find_child(d, t, head_of(d, np), "aux", 0, "will|would|shall|'ll") >= 0)
        mode = MODE_INTENT;
    if (mode == MODE_BLOCK)
        return ANNALS_OK;
    if (noun) {
        if (year_modifier(d, t, v, &year))
            return ANNALS_OK;   /* "the 2001 attacks" */
        if (own_mode(d, t, v) >= MODE_BLOCK)
            return ANNALS_OK;
    }
    const char *code = mode_code(best, mode);
    if (code == NULL)
        return ANNALS_OK;
    if (speech_pass && strcmp(code, "012") == 0)
        code = warning_code(d, t, v);
    /* "fired tear gas at protesters demanding the resignation": what a
    ** crowd is described as demanding is what it demonstrates for */
    if (!noun && xpos_is(d, v, "VBG") && memcmp(code, "10", 2) == 0 && src.n > 0) {
        int crowd = 1;
        for (int k = 0; k < src.n; k++)
            crowd &= lemma_in(d, src.v[k], PROTEST_NOUNS);
        if (crowd)
            code = demonstration_for(code);
    }
    if (no_deed_of_its_own(c, t, v, noun, f.passive, &src, best, first_ev))
        return ANNALS_OK;
    /* "speaking at a summit with Japan's prime minister": a meeting noun
    ** in a phrase of a verb that tells the same kind of meeting is that
    ** meeting ("met ahead of the king's visit" tells two) */
    for (size_t i = first_ev; noun && memcmp(best->code, "04", 2) == 0 && i < d->ev.n; i++)
        if (d->ev.v[i].trigger == head_of(d, v) && strcmp(d->ev.v[i].code, best->code) == 0)
            return ANNALS_OK;
    /* a purpose clause of the same kind as the event it serves ("met Thai
    ** officials to discuss", "sat down with X to discuss") is part of it */
    if (rel_is(d, v, "advcl") && find_child(d, t, v, "mark", 0, "to") >= 0)
        for (size_t i = first_ev; i < d->ev.n; i++)
            if (d->ev.v[i].trigger == head_of(d, v) &&
                memcmp(d->ev.v[i].code, best->code, 2) == 0)
                return ANNALS_OK;

    /* targets: the pattern's prepositional phrase, else the free object */
    int32_t obj = best->obj == NULL ? f.obj : -1;
    if (obj < 0 && f.obj < 0 && best->obj == NULL && best->xcomp != NULL && f.xc >= 0 &&
        f.iobj < 0 && find_child(d, t, v, "iobj", 0, NULL) < 0)
        obj = find_child(d, t, f.xc, "obj", 0, NULL);   /* "refused to meet the unions" */
    int32_t pp = -1;
    if (best->tgt != NULL) {
        int32_t ob = f.obj >= 0 ? f.obj : (f.xc >= 0 ? find_child(d, t, f.xc, "obj", 0, NULL) : -1);
        pp = find_pp(d, t, f.xc >= 0 && best->xcomp != NULL ? f.xc : v, ob, best->tgt, NULL);
        if (pp < 0 && f.xc >= 0 && best->xcomp == NULL)
            pp = find_pp(d, t, f.xc, -1, best->tgt, NULL);
        if (pp < 0 && f.xc >= 0 && best->xcomp != NULL)
            pp = find_pp(d, t, v, f.obj, best->tgt, NULL);  /* "called on X to halt" */
        if (pp < 0 && light >= 0)
            pp = find_pp(d, t, light, -1, best->tgt, NULL);
        /* "the visit of the president to Dhaka", "the attack by drones on
        ** the grid": the phrase hung on the agent's noun */
        for (int i = 0; pp < 0 && noun && i < src.n; i++)
            if (head_of(d, src.v[i]) == v)
                pp = find_pp(d, t, src.v[i], -1, best->tgt, NULL);
        /* "spoke by telephone on Sunday with his counterpart", "held talks
        ** in Muscat with an Omani envoy": a meeting's partner hung on a
        ** phrase of the verb */
        for (int32_t k = child(t, v); pp < 0 && !noun && memcmp(best->code, "04", 2) == 0 && k >= 0;
             k = sibling(t, k))
            if (rel_base(d, k, "obl"))
                pp = find_pp(d, t, k, -1, best->tgt, NULL);
        /* "speaking after his talks with the Saudi crown prince": the phrase
        ** right after the event noun, hung on the word above it */
        for (int32_t k = noun && memcmp(best->code, "04", 2) == 0 && head_of(d, v) >= 0
                             ? child(t, head_of(d, v)) : -1;
             pp < 0 && k >= 0; k = sibling(t, k))
            if (k > v && find_child(d, t, k, "case", 0, NULL) == v + 1 &&
                find_pp(d, t, head_of(d, v), -1, best->tgt, NULL) == k)
                pp = k;
        /* "pledged 1 billion euros in aid to Ukraine": the phrase hung on
        ** the object's own modifier; "imposed asset freezes and travel bans
        ** on 14 officials": on the object's last conjunct */
        for (int32_t k = ob >= 0 ? child(t, ob) : -1; pp < 0 && k >= 0; k = sibling(t, k))
            if (rel_is(d, k, "nmod"))
                pp = find_pp(d, t, k, -1, best->tgt, NULL);
            else if (rel_is(d, k, "conj"))
                pp = find_pp(d, t, k, -1, best->tgt, NULL);
    }
    /* "a drone strike blamed on X hit a market, killing 30 people": an
    ** act of force named as the subject of its clause is done to those its
    ** clause's harm participle names; "a drone strike on a market killed
    ** 30 civilians": those its own harm verb names, when the place it hit
    ** is no actor */
    int32_t harm_clause = noun && rel_base(d, v, "nsubj") ? head_of(d, v) : -1;
    /* "the air strike killed ten people" with "killed" read as a participle
    ** of the noun: one with an object of its own is no passive */
    for (int32_t k = noun && harm_clause < 0 ? child(t, v) : -1; k >= 0; k = sibling(t, k))
        if (rel_is(d, k, "acl") && k > v && lemma_in(d, k, HARM_VERBS) && !is_passive(d, t, k) &&
            find_child(d, t, k, "obj", 0, NULL) >= 0)
            harm_clause = k;
    if ((pp < 0 || stand_in(d, t, pp, AS_TARGET, v) < 0) && noun && src.n > 0 &&
        annals__onto_root(best->code, strlen(best->code)) >= 18 && harm_clause >= 0) {
        int32_t h = harm_clause, harmed = -1;
        if (lemma_in(d, h, HARM_VERBS) && !is_passive(d, t, h))
            harmed = find_child(d, t, h, "obj", 0, NULL);
        for (int32_t k = child(t, h); k >= 0 && harmed < 0; k = sibling(t, k))
            if ((rel_is(d, k, "advcl") || rel_is(d, k, "xcomp")) && xpos_is(d, k, "VBG") &&
                lemma_in(d, k, HARM_VERBS))
                harmed = find_child(d, t, k, "obj", 0, NULL);
        if (harmed >= 0)
            pp = harmed;
    }
    if (pp >= 0) {
        add_with_conj(d, t, &tgt, pp);
    } else if (obj >= 0 && !noun) {
        add_with_conj(d, t, &tgt, obj);
    } else if (!noun) {
        int32_t io = f.iobj >= 0 ? f.iobj : find_child(d, t, v, "iobj", 0, NULL);
        if (io >= 0)
            add_with_conj(d, t, &tgt, io);
        else if (f.obj >= 0 && stand_in(d, t, f.obj, AS_OBJECT, v) >= 0)
            add_with_conj(d, t, &tgt, stand_in(d, t, f.obj, AS_OBJECT, v));   /* "expelled the Spanish ambassador" */
    }

    /* a target that is no actor ("discussed the crisis") is none; an event
    ** noun stands for its agent ("condemned Iran's attack") */
    struct args found = {{0}, 0};
    for (int i = 0; i < tgt.n; i++) {
        int32_t w = stand_in(d, t, tgt.v[i], AS_TARGET, v);
        if (w >= 0)
            add_spread(d, t, &found, w);
    }
    tgt = found;
    /* "a suicide bomber blew himself up beside a checkpoint, killing four
    ** policemen": a bombing aimed at no actor named is done to those its
    ** harm participle names (the harm is then part of it) */
    for (int32_t k = child(t, v); !noun && tgt.n == 0 && k >= 0 &&
                                  annals__onto_root(best->code, strlen(best->code)) == 18;
         k = sibling(t, k))
        if (rel_is(d, k, "advcl") && xpos_is(d, k, "VBG") && lemma_in(d, k, HARM_VERBS)) {
            int32_t harmed = find_child(d, t, k, "obj", 0, NULL);
            int32_t w = harmed >= 0 ? stand_in(d, t, harmed, AS_TARGET, v) : -1;
            if (w >= 0)
                add_spread(d, t, &tgt, w);
        }
    /* so for a source, which is kept even when it is none */
    found.n = 0;
    for (int i = 0; i < src.n; i++) {
        int32_t w = stand_in(d, t, src.v[i], AS_SOURCE, v);
        add_spread(d, t, &found, w >= 0 ? w : src.v[i]);
    }
    src = found;
    /* "Police in the Bangladeshi capital Dhaka arrested", the parse making
    ** "Dhaka" a second subject: beside an actor, a subject that is none is
    ** no doer (a conjunct is: "Hamas and Fatah signed") */
    found.n = 0;
    for (int i = 0; i < src.n; i++)
        if (annals__actor_of_word(d, (size_t)src.v[i]) != NULL || rel_is(d, src.v[i], "conj"))
            found.v[found.n++] = src.v[i];
    if (found.n > 0)
        src = found;
    /* "received a loan from the World Bank": the giver acts, the receiver
    ** is done to */
    if ((best->flags & EVP_FROM) && pp >= 0) {
        found = src;
        src = tgt;
        tgt = found;
    }
    /* "the two leaders", "both sides": the parties of the last interaction
    ** told before this sentence */
    if (src.n == 1 && upos_is(d, src.v[0], "NOUN") &&
        (find_child(d, t, src.v[0], "nummod", 0, "two") >= 0 ||
         find_child(d, t, src.v[0], "det", 0, "both") >= 0)) {
        int told = 0;
        for (size_t i = d->ev.n; !told && i-- > 0;) {
            const struct doc_event *o = &d->ev.v[i];
            if (i >= c->first_ev && o->trigger >= src.v[0])
                continue;       /* only what was told before it */
            if (o->src.word >= 0 && o->tgt.word >= 0 && o->src.code[0] != '\0' &&
                o->tgt.code[0] != '\0') {
                src.v[0] = o->src.word;
                src.v[1] = o->tgt.word;
                src.n = 2;
                told = 1;
            }
        }
        if (!told)
            two_countries_of_sentence(d, t, &src);
    }
    if (tgt.n == 0 && src.n > 0 && !noun)
        partner_of_relationship(d, t, v, src.v[0], &tgt);
    /* "warned that it would take countermeasures against South Korea and
    ** the United States": a threat is made to those its content turns
    ** against */
    int32_t content = speech_pass && code[0] == '1' && code[1] == '3' ? that_clause(d, t, v) : -1;
    for (int32_t k = t->w0; tgt.n == 0 && content >= 0 && k < t->w1; k++)
        if (lemma_in(d, k, "against") && rel_is(d, k, "case") && head_of(d, k) >= 0 &&
            dominated_by(d, head_of(d, k), content) &&
            annals__actor_of_word(d, (size_t)head_of(d, k)) != NULL)
            add_with_conj(d, t, &tgt, head_of(d, k));
    /* "warned it would respond with force if the United States went ahead
    ** with the drills", "would retaliate if Israel attacked": else to the
    ** subject of the threat's condition */
    if (tgt.n == 0 && !noun && code[0] == '1' && code[1] == '3') {
        int32_t cond = condition_of(d, t, content >= 0 ? content : v);
        int32_t who = cond >= 0 ? find_child(d, t, cond, "nsubj", 0, NULL) : -1;
        int32_t w = who >= 0 ? stand_in(d, t, who, AS_TARGET, v) : -1;
        if (w >= 0)
            add_spread(d, t, &tgt, w);
    }

    /* "speaking to reporters in Accra", "speaking by telephone from Doha":
    ** a statement or call with no partner, set beside another act, is its
    ** setting (a meeting or a visit is an act of its own)
    ** ("ministers of A and B, meeting in Geneva," are partners) */
    if (!noun && tgt.n == 0 && src.n < 2 && (memcmp(code, "01", 2) == 0 || strcmp(code, "041") == 0) &&
        setting_participle(d, t, v))
        return ANNALS_OK;
    /* "rallied in Belgrade, demanding that the government resign": what a
    ** protest demands is part of the protest */
    if (!noun && memcmp(code, "10", 2) == 0 && xpos_is(d, v, "VBG") &&
        (rel_is(d, v, "advcl") || rel_is(d, v, "conj")))
        for (size_t i = first_ev; i < d->ev.n; i++)
            if (d->ev.v[i].trigger == head_of(d, v) && memcmp(d->ev.v[i].code, "14", 2) == 0)
                return ANNALS_OK;
    /* "a wave of killings blamed on rival gangs": a participle that names
    ** who is held responsible, with no one holding them so, tells who did
    ** the deed, not an accusation */
    if (!noun && src.n == 0 && memcmp(code, "11", 2) == 0 && rel_is(d, v, "acl") &&
        xpos_is(d, v, "VBN"))
        return ANNALS_OK;
    /* a purpose with no actor for its object ("sent teams to fight an
    ** outbreak") is an aim, not an event */
    if (!noun && tgt.n == 0 && rel_is(d, v, "advcl") && find_child(d, t, v, "mark", 0, "to") >= 0 &&
        !lemma_in(d, head_of(d, v), INTENT_VERBS "|" TRANSPARENT "|" PROMPT_VERBS) &&
        noun_of_to_clause(d, t, v) < 0 &&
        !commands_own(d, t, head_of(d, v)))
        return ANNALS_OK;

    /* "laying flowers and burning incense", "destroyed the documents":
    ** destroying property is done to its owner; with none named it is no
    ** interaction */
    if (tgt.n == 0 && strcmp(best->code, "1712") == 0)
        return ANNALS_OK;
    /* "denied that its troops had crossed into Congo": a denial of one's
    ** own deed, answering no one named, tells that something did not
    ** happen; that is a negated event, not an interaction */
    if (!noun && tgt.n == 0 && strcmp(code, "016") == 0 && best->obj == NULL &&
        denies_own_act(d, t, v, &src))
        return ANNALS_OK;

    /* "agreed to a truce after talks mediated by Qatar": a mediation that
    ** describes talks already coded is between their parties */
    for (size_t i = first_ev; !noun && tgt.n == 0 && strcmp(best->code, "045") == 0 &&
                              rel_base(d, v, "acl") && i < d->ev.n; i++)
        if (d->ev.v[i].trigger == head_of(d, v) && memcmp(d->ev.v[i].code, "04", 2) == 0) {
            if (d->ev.v[i].src.word >= 0)
                add_arg(&tgt, d->ev.v[i].src.word);
            if (d->ev.v[i].tgt.word >= 0)
                add_arg(&tgt, d->ev.v[i].tgt.word);
        }

    int conf = 90 - (reported ? 5 : 0) - (vague ? 10 : 0) - (noun ? 15 : 0) -
               (mode != MODE_FACT ? 5 : 0);
    int rc = ANNALS_OK;
    if (noun && src.n == 0 && tgt.n >= 2 && (best->flags & EVP_SYM)) {
        src = tgt;              /* "talks between A and B" */
        tgt.n = 0;
    }
    if ((best->flags & EVP_SYM) && tgt.n == 0 && src.n >= 2) {
        for (int i = 0; i < src.n && rc == ANNALS_OK; i++)
            for (int j = 0; j < src.n && rc == ANNALS_OK; j++)
                if (i != j)
                    rc = emit(c, best, code, mode, v, src.v[i], src.v[j], conf);
        return rc;
    }
    if (src.n == 0)
        src.v[src.n++] = -1;
    if (tgt.n == 0)
        tgt.v[tgt.n++] = -1;
    /* fighting is mutual ("A clashed with B"); a meeting is told from its
    ** subject's side */
    int mutual = (best->flags & EVP_SYM) && code[0] == '1' && code[1] == '9';
    for (int i = 0; i < src.n && rc == ANNALS_OK; i++)
        for (int j = 0; j < tgt.n && rc == ANNALS_OK; j++) {
            rc = emit(c, best, code, mode, v, src.v[i], tgt.v[j], conf);
            if (rc == ANNALS_OK && mutual && src.v[i] >= 0 && tgt.v[j] >= 0)
                rc = emit(c, best, code, mode, v, tgt.v[j], src.v[i], conf);
        }
    return rc;
}

/* The lexicon's patterns for word w: [*lo, *hi).  Its lemma first, then its
** form (the lexicon writes some plurals as news does), then an irregular
** past.  Regular endings need no fallback: the lemmatiser detaches them
** with WordNet's rules ("shelled" -> "shell"). */
static void word_patterns(const annals_doc *d, int32_t w, int verbal, size_t *lo, size_t *hi)
{
    const struct doc_word *x = W(d, w);
    char f[48];
    size_t n = x->form_len;

    pattern_range(x->lemma, x->lemma_len, lo, hi);
    if (*lo < *hi || n < 3 || n >= sizeof f)
        return;
    for (size_t i = 0; i < n; i++)
        f[i] = (char)lower((unsigned char)x->form[i]);
    f[n] = '\0';
    pattern_range(f, n, lo, hi);
    if (*lo < *hi)
        return;
    for (size_t i = 0; verbal && i < sizeof IRREGULAR_PAST / sizeof *IRREGULAR_PAST; i++)
        if (strcmp(IRREGULAR_PAST[i][0], f) == 0) {
            pattern_range(IRREGULAR_PAST[i][1], strlen(IRREGULAR_PAST[i][1]), lo, hi);
            return;
        }
}

static int code_sentence(struct ctx *c)
{
    annals_doc *d = c->d;
    const struct sent_tree *t = &c->t;
    size_t first_ev = d->ev.n;

    c->first_ev = first_ev;
    if (t->w1 > t->w0 && W(d, t->w1 - 1)->form_len == 1 && W(d, t->w1 - 1)->form[0] == '?')
        return ANNALS_OK;       /* a question asserts nothing */
    int checked = 0;            /* the sports test, made once a trigger is seen */
    for (int pass = 0; pass < 2; pass++) {
        for (int32_t w = t->w0; w < t->w1; w++) {
            size_t lo, hi;
            int verbal = is_verbal(d, t, w);
            if (!verbal && !upos_is(d, w, "NOUN"))
                continue;
            word_patterns(d, w, verbal, &lo, &hi);
            if (lo == hi)
                continue;
            if (!checked) {
                if (off_topic(d, t))
                    return ANNALS_OK;
                checked = 1;
            }
            int rc = code_word(c, w, lo, hi, pass, first_ev);
            if (rc != ANNALS_OK)
                return rc;
        }
    }
    return ANNALS_OK;
}

int annals__events_run(const annals_pipeline *p, annals_doc *d)
{
    struct ctx c;
    int ok = 0;

    d->ev.n = d->evm.n = 0;
    d->has_events = 1;
    if (!d->has_syntax || d->word.n == 0)
        return ANNALS_OK;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.d = d;
    c.pub_days = -1;
    if (d->meta[ANNALS_META_DATE] != NULL) {
        long days = date_days(d->meta[ANNALS_META_DATE], d->meta_len[ANNALS_META_DATE], &ok);
        if (ok == 1)
            c.pub_days = days;
    }
    c.t.first = annals__arena_alloc(&d->arena, d->word.n * sizeof *c.t.first);
    c.t.next = annals__arena_alloc(&d->arena, d->word.n * sizeof *c.t.next);
    if (c.t.first == NULL || c.t.next == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    for (size_t s = 0; s < d->sent.n; s++) {
        const struct doc_sentence *se = &d->sent.v[s];
        if (se->role != ANNALS_ROLE_BODY || se->n_tokens == 0)
            continue;
        const struct doc_token *t0 = &d->tok.v[se->first_token];
        const struct doc_token *t1 = &d->tok.v[se->first_token + se->n_tokens - 1];
        c.sent = (uint32_t)s;
        c.t.w0 = (int32_t)t0->first_word;
        c.t.w1 = (int32_t)(t1->first_word + t1->n_words);
        int32_t n = c.t.w1 - c.t.w0;
        int32_t *first = c.t.first, *next = c.t.next;
        for (int32_t i = 0; i < n; i++)
            first[i] = next[i] = -1;
        /* children in order: link from the last word back */
        for (int32_t w = c.t.w1 - 1; w >= c.t.w0; w--) {
            int64_t h = W(d, w)->head;
            if (h < c.t.w0 || h >= c.t.w1)
                continue;
            next[w - c.t.w0] = first[h - c.t.w0];
            first[h - c.t.w0] = w;
        }
        int rc = code_sentence(&c);
        if (rc != ANNALS_OK)
            return rc;
    }
    return ANNALS_OK;
}

/* ------------------------------------------------------------ validation */

size_t annals__events_lexicon_check(void (*report)(void *ud, const char *msg), void *ud)
{
    const struct onto_tables *o = annals__onto_builtin();
    size_t bad = 0;
    char msg[160];

    for (size_t i = 0; i < annals__ev_n_patterns; i++) {
        const struct ev_pattern *pt = &annals__ev_patterns[i];
        const char *codes[3] = {pt->code, pt->intent, pt->reject};
        for (int k = 0; k < 3; k++) {
            if (codes[k] == NULL || annals__onto_event(o, codes[k], strlen(codes[k])) != NULL)
                continue;
            annals__fmt(msg, sizeof msg, "verbs.tsv:%u: unknown CAMEO code %s", pt->line,
                        codes[k]);
            if (report != NULL)
                report(ud, msg);
            bad++;
        }
        for (const char *s = pt->lemma; *s != '\0'; s++)
            if (lower((unsigned char)*s) != *s) {
                annals__fmt(msg, sizeof msg, "verbs.tsv:%u: lemma not lower case", pt->line);
                if (report != NULL)
                    report(ud, msg);
                bad++;
                break;
            }
        if (i > 0 && strcmp(annals__ev_patterns[i - 1].lemma, pt->lemma) > 0) {
            annals__fmt(msg, sizeof msg, "verbs.tsv:%u: table not sorted", pt->line);
            if (report != NULL)
                report(ud, msg);
            bad++;
        }
    }
    /* every root code has patterns */
    for (int root = 1; root <= 20; root++) {
        int found = 0;
        for (size_t i = 0; i < annals__ev_n_patterns && !found; i++)
            found = annals__onto_root(annals__ev_patterns[i].code,
                                      strlen(annals__ev_patterns[i].code)) == root;
        if (!found) {
            annals__fmt(msg, sizeof msg, "verbs.tsv: no pattern for root %02d", root);
            if (report != NULL)
                report(ud, msg);
            bad++;
        }
    }
    return bad;
}
