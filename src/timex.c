/* timex.c -- the time stage: find temporal expressions among the tokens of
** the text stage and normalise them to TIMEX3 types and values (TimeML):
**
**   absolute   Aug. 11, 2021 / 11 August / 2021-08-11 / August 2021 / 1990s
**   relative   Wednesday, last week, two days ago, next month, yesterday,
**              earlier this year: resolved against the publication date
**   anchored   a day earlier, the next day: resolved against the last
**              expression that gave a calendar point
**   durations  three years, 48 hours, the past decade
**   vague      recently, in recent weeks, for years (flagged vague)
**   sets       every Monday, weekly, twice a year
**
** Rules over the tokens, left to right, longest pattern first.  The stage
** never re-tokenises: it looks at token text (d->text) and at whether tokens
** touch.  Weekdays and yearless dates pick the occurrence that the tense
** around them suggests (past news: on or before the publication date).
** Without a publication date a relative expression keeps a NULL value.
** Allocates only from the document: DOC_PUSH for results, the arena for
** value strings; nothing per token. */
#include "timex.h"

#include <string.h>

/* ------------------------------------------------------------ calendar */

long annals__timex_days(int y, int m, int dd)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long mp = m > 2 ? m - 3 : m + 9;
    long doy = (153 * mp + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void annals__timex_civil(long z, int *y, int *m, int *dd)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long mo = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (mo <= 2));
    *m = (int)mo;
    *dd = (int)d;
}

/* ISO weekday: Monday 1 .. Sunday 7.  1970-01-01 was a Thursday. */
static int iso_wday(long z)
{
    long w = (z + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

void annals__timex_iso_week(long z, int *wy, int *wn)
{
    long thu = z - iso_wday(z) + 4;
    int y, m, dd;
    annals__timex_civil(thu, &y, &m, &dd);
    *wy = y;
    *wn = (int)((thu - annals__timex_days(y, 1, 1)) / 7 + 1);
}

static int month_len(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* ---------------------------------------------------------------- words */

enum cls { C_NONE = 0, C_MONTH, C_WDAY, C_WDAYS, C_UNIT, C_NUM, C_ORD, C_DEIC,
           C_PART, C_SEASON, C_FREQ, C_WORD };
enum unit { U_SECOND = 1, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_WEEKEND, U_MONTH,
            U_QUARTER, U_YEAR, U_DECADE, U_CENTURY };
enum deic { D_TODAY = 1, D_YESTERDAY, D_TOMORROW, D_TONIGHT, D_NOW, D_RECENTLY,
            D_NOWADAYS, D_NOON, D_MIDNIGHT };
enum part { P_MO = 1, P_AF, P_EV, P_NI };
enum season { S_SP = 1, S_SU, S_FA, S_WI };
enum word {
    W_NONE = 0,
    W_LAST,
    W_PAST,
    W_PREVIOUS,
    W_NEXT,
    W_COMING,
    W_FOLLOWING,
    W_THIS,
    W_THAT,
    W_SAME,
    W_RECENT,
    W_EARLY,
    W_EARLIER,
    W_LATE,
    W_LATER,
    W_MID,
    W_AGO,
    W_BEFORE,
    W_AFTER,
    W_EVERY,
    W_EACH,
    W_PER,
    W_THE,
    W_OF,
    W_A,
    W_AN,
    W_ONCE,
    W_TWICE,
    W_TIMES,
    W_MORE,
    W_LESS,
    W_THAN,
    W_ABOUT,
    W_NEARLY,
    W_ALMOST,
    W_LEAST,
    W_AT,
    W_END,
    W_BEGINNING,
    W_START,
    W_MIDDLE,
    W_FUTURE,
    W_THESE,
    W_IN,
    W_ON,
    W_SINCE,
    W_UNTIL,
    W_TILL,
    W_BY,
    W_FROM,
    W_TO,
    W_THROUGH,
    W_DURING,
    W_FOR,
    W_OVER,
    W_AROUND,
    W_AND,
    W_OR,
    W_BETWEEN,
    W_FEW,
    W_SEVERAL,
    W_COUPLE,
    W_MANY,
    W_MILLION,
    W_BILLION,
    W_PERCENT,
    W_OLD,
    W_HALF,
    W_WITHIN,
    W_THROUGHOUT,
    W_UP,
    W_SOME
};

#define F_CAP 1        /* only when capitalised: "May", "Sunday" */
#define F_AMBIG 2      /* a common word too ("march", "may"): needs context */
#define F_ABBR 4       /* an abbreviation: needs a period or a number after */
#define F_PLURAL 8

struct lex {
    const char *w;
    uint8_t len;
    uint8_t cls;       /* enum cls */
    uint8_t val;       /* month, weekday (ISO), unit, number, W_... */
    uint8_t flags;
};

/* Sorted by strcmp (a unit test checks it): looked up by binary search. */
static const struct lex lexicon[] = {
    {"a", 1, C_WORD, W_A, 0},
    {"about", 5, C_WORD, W_ABOUT, 0},
    {"after", 5, C_WORD, W_AFTER, 0},
    {"afternoon", 9, C_PART, P_AF, 0},
    {"ago", 3, C_WORD, W_AGO, 0},
    {"almost", 6, C_WORD, W_ALMOST, 0},
    {"an", 2, C_WORD, W_AN, 0},
    {"and", 3, C_WORD, W_AND, 0},
    {"annually", 8, C_FREQ, U_YEAR, 0},
    {"apr", 3, C_MONTH, 4, F_CAP|F_ABBR},
    {"april", 5, C_MONTH, 4, F_CAP},
    {"around", 6, C_WORD, W_AROUND, 0},
    {"at", 2, C_WORD, W_AT, 0},
    {"aug", 3, C_MONTH, 8, F_CAP|F_ABBR},
    {"august", 6, C_MONTH, 8, F_CAP},
    {"autumn", 6, C_SEASON, S_FA, 0},
    {"before", 6, C_WORD, W_BEFORE, 0},
    {"beginning", 9, C_WORD, W_BEGINNING, 0},
    {"between", 7, C_WORD, W_BETWEEN, 0},
    {"billion", 7, C_WORD, W_BILLION, 0},
    {"by", 2, C_WORD, W_BY, 0},
    {"centuries", 9, C_UNIT, U_CENTURY, F_PLURAL},
    {"century", 7, C_UNIT, U_CENTURY, 0},
    {"coming", 6, C_WORD, W_COMING, 0},
    {"couple", 6, C_WORD, W_COUPLE, 0},
    {"daily", 5, C_FREQ, U_DAY, 0},
    {"day", 3, C_UNIT, U_DAY, 0},
    {"days", 4, C_UNIT, U_DAY, F_PLURAL},
    {"dec", 3, C_MONTH, 12, F_CAP|F_ABBR},
    {"decade", 6, C_UNIT, U_DECADE, 0},
    {"decades", 7, C_UNIT, U_DECADE, F_PLURAL},
    {"december", 8, C_MONTH, 12, F_CAP},
    {"dozen", 5, C_NUM, 12, 0},
    {"during", 6, C_WORD, W_DURING, 0},
    {"each", 4, C_WORD, W_EACH, 0},
    {"earlier", 7, C_WORD, W_EARLIER, 0},
    {"early", 5, C_WORD, W_EARLY, 0},
    {"eight", 5, C_NUM, 8, 0},
    {"eighteen", 8, C_NUM, 18, 0},
    {"eighty", 6, C_NUM, 80, 0},
    {"eleven", 6, C_NUM, 11, 0},
    {"end", 3, C_WORD, W_END, 0},
    {"evening", 7, C_PART, P_EV, 0},
    {"every", 5, C_WORD, W_EVERY, 0},
    {"fall", 4, C_SEASON, S_FA, 0},
    {"feb", 3, C_MONTH, 2, F_CAP|F_ABBR},
    {"february", 8, C_MONTH, 2, F_CAP},
    {"few", 3, C_WORD, W_FEW, 0},
    {"fifteen", 7, C_NUM, 15, 0},
    {"fifty", 5, C_NUM, 50, 0},
    {"first", 5, C_ORD, 1, 0},
    {"five", 4, C_NUM, 5, 0},
    {"following", 9, C_WORD, W_FOLLOWING, 0},
    {"for", 3, C_WORD, W_FOR, 0},
    {"forty", 5, C_NUM, 40, 0},
    {"four", 4, C_NUM, 4, 0},
    {"fourteen", 8, C_NUM, 14, 0},
    {"fourth", 6, C_ORD, 4, 0},
    {"fri", 3, C_WDAY, 5, F_CAP|F_ABBR},
    {"friday", 6, C_WDAY, 5, F_CAP},
    {"fridays", 7, C_WDAYS, 5, F_CAP},
    {"from", 4, C_WORD, W_FROM, 0},
    {"future", 6, C_WORD, W_FUTURE, 0},
    {"half", 4, C_WORD, W_HALF, 0},
    {"hour", 4, C_UNIT, U_HOUR, 0},
    {"hourly", 6, C_FREQ, U_HOUR, 0},
    {"hours", 5, C_UNIT, U_HOUR, F_PLURAL},
    {"hundred", 7, C_NUM, 100, 0},
    {"in", 2, C_WORD, W_IN, 0},
    {"jan", 3, C_MONTH, 1, F_CAP|F_ABBR},
    {"january", 7, C_MONTH, 1, F_CAP},
    {"jul", 3, C_MONTH, 7, F_CAP|F_ABBR},
    {"july", 4, C_MONTH, 7, F_CAP},
    {"jun", 3, C_MONTH, 6, F_CAP|F_ABBR},
    {"june", 4, C_MONTH, 6, F_CAP},
    {"last", 4, C_WORD, W_LAST, 0},
    {"late", 4, C_WORD, W_LATE, 0},
    {"lately", 6, C_DEIC, D_RECENTLY, 0},
    {"later", 5, C_WORD, W_LATER, 0},
    {"least", 5, C_WORD, W_LEAST, 0},
    {"less", 4, C_WORD, W_LESS, 0},
    {"many", 4, C_WORD, W_MANY, 0},
    {"mar", 3, C_MONTH, 3, F_CAP|F_ABBR},
    {"march", 5, C_MONTH, 3, F_CAP|F_AMBIG},
    {"may", 3, C_MONTH, 5, F_CAP|F_AMBIG},
    {"mid", 3, C_WORD, W_MID, 0},
    {"midday", 6, C_DEIC, D_NOON, 0},
    {"middle", 6, C_WORD, W_MIDDLE, 0},
    {"midnight", 8, C_DEIC, D_MIDNIGHT, 0},
    {"million", 7, C_WORD, W_MILLION, 0},
    {"minute", 6, C_UNIT, U_MINUTE, 0},
    {"minutes", 7, C_UNIT, U_MINUTE, F_PLURAL},
    {"mon", 3, C_WDAY, 1, F_CAP|F_ABBR},
    {"monday", 6, C_WDAY, 1, F_CAP},
    {"mondays", 7, C_WDAYS, 1, F_CAP},
    {"month", 5, C_UNIT, U_MONTH, 0},
    {"monthly", 7, C_FREQ, U_MONTH, 0},
    {"months", 6, C_UNIT, U_MONTH, F_PLURAL},
    {"more", 4, C_WORD, W_MORE, 0},
    {"morning", 7, C_PART, P_MO, 0},
    {"nearly", 6, C_WORD, W_NEARLY, 0},
    {"next", 4, C_WORD, W_NEXT, 0},
    {"night", 5, C_PART, P_NI, 0},
    {"nightly", 7, C_FREQ, U_DAY, 0},
    {"nine", 4, C_NUM, 9, 0},
    {"nineteen", 8, C_NUM, 19, 0},
    {"ninety", 6, C_NUM, 90, 0},
    {"noon", 4, C_DEIC, D_NOON, 0},
    {"nov", 3, C_MONTH, 11, F_CAP|F_ABBR},
    {"november", 8, C_MONTH, 11, F_CAP},
    {"now", 3, C_DEIC, D_NOW, 0},
    {"nowadays", 8, C_DEIC, D_NOWADAYS, 0},
    {"oct", 3, C_MONTH, 10, F_CAP|F_ABBR},
    {"october", 7, C_MONTH, 10, F_CAP},
    {"of", 2, C_WORD, W_OF, 0},
    {"old", 3, C_WORD, W_OLD, 0},
    {"on", 2, C_WORD, W_ON, 0},
    {"once", 4, C_WORD, W_ONCE, 0},
    {"one", 3, C_NUM, 1, 0},
    {"or", 2, C_WORD, W_OR, 0},
    {"over", 4, C_WORD, W_OVER, 0},
    {"past", 4, C_WORD, W_PAST, 0},
    {"per", 3, C_WORD, W_PER, 0},
    {"percent", 7, C_WORD, W_PERCENT, 0},
    {"previous", 8, C_WORD, W_PREVIOUS, 0},
    {"quarter", 7, C_UNIT, U_QUARTER, 0},
    {"quarterly", 9, C_FREQ, U_QUARTER, 0},
    {"quarters", 8, C_UNIT, U_QUARTER, F_PLURAL},
    {"recent", 6, C_WORD, W_RECENT, 0},
    {"recently", 8, C_DEIC, D_RECENTLY, 0},
    {"same", 4, C_WORD, W_SAME, 0},
    {"sat", 3, C_WDAY, 6, F_CAP|F_ABBR},
    {"saturday", 8, C_WDAY, 6, F_CAP},
    {"saturdays", 9, C_WDAYS, 6, F_CAP},
    {"second", 6, C_ORD, 2, 0},
    {"seconds", 7, C_UNIT, U_SECOND, F_PLURAL},
    {"sep", 3, C_MONTH, 9, F_CAP|F_ABBR},
    {"sept", 4, C_MONTH, 9, F_CAP|F_ABBR},
    {"september", 9, C_MONTH, 9, F_CAP},
    {"seven", 5, C_NUM, 7, 0},
    {"seventeen", 9, C_NUM, 17, 0},
    {"seventy", 7, C_NUM, 70, 0},
    {"several", 7, C_WORD, W_SEVERAL, 0},
    {"since", 5, C_WORD, W_SINCE, 0},
    {"six", 3, C_NUM, 6, 0},
    {"sixteen", 7, C_NUM, 16, 0},
    {"sixty", 5, C_NUM, 60, 0},
    {"some", 4, C_WORD, W_SOME, 0},
    {"spring", 6, C_SEASON, S_SP, 0},
    {"start", 5, C_WORD, W_START, 0},
    {"summer", 6, C_SEASON, S_SU, 0},
    {"sun", 3, C_WDAY, 7, F_CAP|F_ABBR},
    {"sunday", 6, C_WDAY, 7, F_CAP},
    {"sundays", 7, C_WDAYS, 7, F_CAP},
    {"ten", 3, C_NUM, 10, 0},
    {"than", 4, C_WORD, W_THAN, 0},
    {"that", 4, C_WORD, W_THAT, 0},
    {"the", 3, C_WORD, W_THE, 0},
    {"these", 5, C_WORD, W_THESE, 0},
    {"third", 5, C_ORD, 3, 0},
    {"thirteen", 8, C_NUM, 13, 0},
    {"thirty", 6, C_NUM, 30, 0},
    {"this", 4, C_WORD, W_THIS, 0},
    {"three", 5, C_NUM, 3, 0},
    {"through", 7, C_WORD, W_THROUGH, 0},
    {"throughout", 10, C_WORD, W_THROUGHOUT, 0},
    {"thu", 3, C_WDAY, 4, F_CAP|F_ABBR},
    {"thur", 4, C_WDAY, 4, F_CAP|F_ABBR},
    {"thurs", 5, C_WDAY, 4, F_CAP|F_ABBR},
    {"thursday", 8, C_WDAY, 4, F_CAP},
    {"thursdays", 9, C_WDAYS, 4, F_CAP},
    {"till", 4, C_WORD, W_TILL, 0},
    {"times", 5, C_WORD, W_TIMES, 0},
    {"to", 2, C_WORD, W_TO, 0},
    {"today", 5, C_DEIC, D_TODAY, 0},
    {"tomorrow", 8, C_DEIC, D_TOMORROW, 0},
    {"tonight", 7, C_DEIC, D_TONIGHT, 0},
    {"tue", 3, C_WDAY, 2, F_CAP|F_ABBR},
    {"tues", 4, C_WDAY, 2, F_CAP|F_ABBR},
    {"tuesday", 7, C_WDAY, 2, F_CAP},
    {"tuesdays", 8, C_WDAYS, 2, F_CAP},
    {"twelve", 6, C_NUM, 12, 0},
    {"twenty", 6, C_NUM, 20, 0},
    {"twice", 5, C_WORD, W_TWICE, 0},
    {"two", 3, C_NUM, 2, 0},
    {"until", 5, C_WORD, W_UNTIL, 0},
    {"up", 2, C_WORD, W_UP, 0},
    {"wed", 3, C_WDAY, 3, F_CAP|F_ABBR},
    {"wednesday", 9, C_WDAY, 3, F_CAP},
    {"wednesdays", 10, C_WDAYS, 3, F_CAP},
    {"week", 4, C_UNIT, U_WEEK, 0},
    {"weekend", 7, C_UNIT, U_WEEKEND, 0},
    {"weekends", 8, C_UNIT, U_WEEKEND, F_PLURAL},
    {"weekly", 6, C_FREQ, U_WEEK, 0},
    {"weeks", 5, C_UNIT, U_WEEK, F_PLURAL},
    {"winter", 6, C_SEASON, S_WI, 0},
    {"within", 6, C_WORD, W_WITHIN, 0},
    {"year", 4, C_UNIT, U_YEAR, 0},
    {"yearly", 6, C_FREQ, U_YEAR, 0},
    {"years", 5, C_UNIT, U_YEAR, F_PLURAL},
    {"yesterday", 9, C_DEIC, D_YESTERDAY, 0},
};

#define N_LEX (sizeof lexicon / sizeof lexicon[0])

int annals__timex_lexicon_sorted(void)
{
    for (size_t i = 1; i < N_LEX; i++)
        if (strcmp(lexicon[i - 1].w, lexicon[i].w) >= 0)
            return 0;
    return 1;
}

static const struct lex *lex_find(const char *w, size_t n)
{
    size_t lo = 0, hi = N_LEX;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const struct lex *e = &lexicon[mid];
        size_t k = n < e->len ? n : e->len;
        int c = memcmp(w, e->w, k);
        if (c == 0)
            c = n < e->len ? -1 : n > e->len ? 1 : 0;
        if (c == 0)
            return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ------------------------------------------------------------- context */

enum gran { G_NONE = 0, G_DAY, G_WEEK, G_WEEKEND, G_MONTH, G_QUARTER, G_SEASON,
            G_YEAR, G_DECADE, G_CENTURY };

/* What one token is, as far as the stage cares. */
struct tinfo {
    const struct lex *e;   /* its word, or NULL */
    int dot;               /* written with a final period ("Aug.") */
    int cap;               /* starts with a capital */
    long num;              /* value of an all-digit token, else -1 */
    int ndig;              /* its digit count */
    long ord;              /* value of "11th", else -1 */
    uint32_t end;          /* working end, a possessive "'s" cut off */
};

#define CACHE 8
#define MAX_PEND 16

struct tx {
    annals_doc *d;
    int dmy;                        /* day-month order for 3/4/2021 */
    int have_dct;
    long dct;                       /* publication date, in days */
    size_t sent;                    /* current sentence */
    size_t first, end;              /* its tokens [first, end) */
    int have_anchor;                /* last calendar point, for "a day later" */
    long anchor_point;
    int anchor_gran;
    size_t anchor_idx;
    int have_sday;                  /* the sentence's first day-precise date */
    long sday;
    size_t sday_idx;
    size_t pend[MAX_PEND];          /* times of day waiting for a date */
    size_t pend_last[MAX_PEND];     /* their last token */
    int pend_min[MAX_PEND];         /* minutes after midnight, or -1 */
    int pend_part[MAX_PEND];        /* enum part, when pend_min < 0 */
    int npend;
    size_t ckey[CACHE];
    struct tinfo cval[CACHE];
};

/* What a pattern found. */
struct hit {
    size_t first;          /* first token of the core expression */
    size_t last;           /* last token, inclusive */
    uint32_t start, end;   /* working span */
    int type;              /* enum annals_time_type */
    int has_value;
    char value[48];
    int vague;
    int anchor_kind;       /* enum annals_anchor */
    size_t anchor_idx;
    long point;            /* calendar point for later anchors */
    int gran;              /* its granularity, G_NONE if none */
    int tod_min;           /* time of day waiting for the sentence's date */
    int tod_part;
};

static const char *tok_text(const struct tx *t, size_t i, size_t *n)
{
    const struct doc_token *k = &t->d->tok.v[i];
    *n = k->end - k->start;
    return t->d->text + k->start;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

static const struct tinfo *info(struct tx *t, size_t i)
{
    size_t slot = i % CACHE;
    struct tinfo *r = &t->cval[slot];
    const char *s;
    size_t n, k;
    char low[16];

    if (t->ckey[slot] == i + 1)
        return r;
    t->ckey[slot] = i + 1;
    memset(r, 0, sizeof *r);
    r->num = r->ord = -1;
    s = tok_text(t, i, &n);
    r->end = t->d->tok.v[i].end;
    if (n >= 3 && s[n - 1] == 's' && s[n - 2] == '\'') {
        n -= 2;
        r->end -= 2;
    } else if (n >= 5 && s[n - 1] == 's' && (unsigned char)s[n - 2] == 0x99 &&
               (unsigned char)s[n - 3] == 0x80 && (unsigned char)s[n - 4] == 0xE2) {
        n -= 4;
        r->end -= 4;
    }
    if (n == 0)
        return r;
    if (is_digit((unsigned char)s[0])) {
        long v = 0;
        for (k = 0; k < n && is_digit((unsigned char)s[k]) && k < 9; k++)
            v = v * 10 + (s[k] - '0');
        if (k == n) {
            r->num = v;
            r->ndig = (int)n;
        } else if (k + 2 == n && k <= 2) {
            char a = (char)(s[k] | 0x20), b = (char)(s[k + 1] | 0x20);
            if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                (a == 'r' && b == 'd') || (a == 't' && b == 'h'))
                r->ord = v;
        }
        return r;
    }
    if (n >= sizeof low)
        return r;
    for (k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        low[k] = (char)(is_upper(c) ? c | 0x20 : c);
    }
    r->cap = is_upper((unsigned char)s[0]);
    if (n > 1 && low[n - 1] == '.') {
        r->dot = 1;
        n--;
    }
    r->e = lex_find(low, n);
    if (r->e != NULL && (r->e->flags & F_CAP) && !r->cap)
        r->e = NULL;
    if (r->e != NULL && r->dot && !(r->e->flags & F_ABBR) && r->e->cls != C_MONTH)
        r->e = NULL;
    return r;
}

static int in_sent(const struct tx *t, size_t i) { return i >= t->first && i < t->end; }

static int cls(struct tx *t, size_t i)
{
    const struct tinfo *r;
    if (!in_sent(t, i))
        return C_NONE;
    r = info(t, i);
    return r->e != NULL ? r->e->cls : C_NONE;
}

static int val(struct tx *t, size_t i) { return info(t, i)->e->val; }

static int is_word(struct tx *t, size_t i, int w)
{
    return cls(t, i) == C_WORD && val(t, i) == w;
}

static long num(struct tx *t, size_t i) { return in_sent(t, i) ? info(t, i)->num : -1; }

/* Tokens i and i + 1 touch (no space between them). */
static int touch(const struct tx *t, size_t i)
{
    return i + 1 < t->end && t->d->tok.v[i].end == t->d->tok.v[i + 1].start;
}

static int tok_is(const struct tx *t, size_t i, const char *s)
{
    size_t n, k = strlen(s);
    const char *p;
    if (!in_sent(t, i))
        return 0;
    p = tok_text(t, i, &n);
    return n == k && memcmp(p, s, k) == 0;
}

/* Case-insensitive token comparison, for "a.m." and "GMT". */
static int tok_ieq(const struct tx *t, size_t i, const char *s)
{
    size_t n, k = strlen(s);
    const char *p;
    if (!in_sent(t, i))
        return 0;
    p = tok_text(t, i, &n);
    if (n != k)
        return 0;
    for (size_t j = 0; j < n; j++) {
        unsigned char c = (unsigned char)p[j];
        if ((char)(is_upper(c) ? c | 0x20 : c) != s[j])
            return 0;
    }
    return 1;
}

static int is_hyphen(const struct tx *t, size_t i)
{
    return tok_is(t, i, "-") || tok_is(t, i, "\xE2\x80\x90") || tok_is(t, i, "\xE2\x80\x91");
}

/* A day of the month: "11" or "11th". */
static int day_at(struct tx *t, size_t i)
{
    const struct tinfo *r;
    if (!in_sent(t, i))
        return 0;
    r = info(t, i);
    if (r->num >= 1 && r->num <= 31 && r->ndig <= 2)
        return (int)r->num;
    if (r->ord >= 1 && r->ord <= 31)
        return (int)r->ord;
    return 0;
}

static int year_at(struct tx *t, size_t i)
{
    const struct tinfo *r;
    if (!in_sent(t, i))
        return 0;
    r = info(t, i);
    return r->ndig == 4 && r->num >= 1000 && r->num <= 2999 ? (int)r->num : 0;
}

/* ---------------------------------------------------------------- tense */

/* Tense cue of one word: +1 future, -1 past, 0 none. */
static int word_tense(struct tx *t, size_t i)
{
    size_t n;
    const char *s = tok_text(t, i, &n);
    char low[16];
    static const char *const fut[] = {"will", "'ll", "\xE2\x80\x99ll", "shall", "wo",
                                      "would", "going", "scheduled", "expected",
                                      "expects", "plans", "planned", "planning",
                                      "due", "upcoming", "next", "tomorrow", "intends"};
    static const char *const past[] = {"was", "were", "had", "did", "said", "told",
                                       "ago", "yesterday", "been", "came",
                                       "took", "began", "met", "held", "went", "left",
                                       "won", "lost", "fell", "rose", "made", "gave",
                                       "got", "saw", "became", "hit", "struck"};
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        low[k] = (char)(is_upper(c) ? c | 0x20 : c);
    }
    for (size_t k = 0; k < sizeof fut / sizeof fut[0]; k++)
        if (strlen(fut[k]) == n && memcmp(fut[k], low, n) == 0)
            return 1;
    for (size_t k = 0; k < sizeof past / sizeof past[0]; k++)
        if (strlen(past[k]) == n && memcmp(past[k], low, n) == 0)
            return -1;
    if (n > 4 && low[n - 2] == 'e' && low[n - 1] == 'd')
        return -1;
    return 0;
}

/* The tense a window of tokens [a, b) suggests: a future cue anywhere in
** it wins over past cues ("will be held", "is expected to"); 0 if none. */
static int window_tense(struct tx *t, size_t a, size_t b)
{
    int past = 0;
    for (size_t i = a; i < b; i++) {
        int r = word_tense(t, i);
        if (r > 0)
            return 1;
        past |= r < 0;
    }
    return past ? -1 : 0;
}

static int tense(struct tx *t, size_t a, size_t b)
{
    if (a > t->first && is_word(t, a - 1, W_SINCE))
        return -1;
    size_t from = a > t->first + 8 ? a - 8 : t->first;
    size_t to = b + 5 < t->end ? b + 5 : t->end;
    int r = window_tense(t, from, a);
    if (r != 0)
        return r;
    return window_tense(t, b + 1, to);
}

/* ---------------------------------------------------------------- values */

static long add_months(long z, long n)
{
    int y, m, dd;
    annals__timex_civil(z, &y, &m, &dd);
    long mm = (long)y * 12 + (m - 1) + n;
    y = (int)(mm >= 0 ? mm / 12 : (mm - 11) / 12);
    m = (int)(mm - (long)y * 12) + 1;
    if (dd > month_len(y, m))
        dd = month_len(y, m);
    return annals__timex_days(y, m, dd);
}

static long shift(long z, int unit, long n)
{
    switch (unit) {
    case U_DAY: return z + n;
    case U_WEEK: case U_WEEKEND: return z + 7 * n;
    case U_MONTH: return add_months(z, n);
    case U_QUARTER: return add_months(z, 3 * n);
    case U_YEAR: return add_months(z, 12 * n);
    case U_DECADE: return add_months(z, 120 * n);
    case U_CENTURY: return add_months(z, 1200 * n);
    default: return z;
    }
}

static int unit_gran(int unit)
{
    switch (unit) {
    case U_WEEK: return G_WEEK;
    case U_WEEKEND: return G_WEEKEND;
    case U_MONTH: return G_MONTH;
    case U_QUARTER: return G_QUARTER;
    case U_YEAR: return G_YEAR;
    case U_DECADE: return G_DECADE;
    case U_CENTURY: return G_CENTURY;
    default: return G_DAY;
    }
}

static void fmt_point(char *buf, size_t cap, long z, int gran)
{
    int y, m, dd, wy, wn;
    annals__timex_civil(z, &y, &m, &dd);
    switch (gran) {
    case G_WEEK:
        annals__timex_iso_week(z, &wy, &wn);
        annals__fmt(buf, cap, "%04d-W%02d", wy, wn);
        break;
    case G_WEEKEND:
        annals__timex_iso_week(z, &wy, &wn);
        annals__fmt(buf, cap, "%04d-W%02d-WE", wy, wn);
        break;
    case G_MONTH: annals__fmt(buf, cap, "%04d-%02d", y, m); break;
    case G_QUARTER: annals__fmt(buf, cap, "%04d-Q%d", y, (m - 1) / 3 + 1); break;
    case G_SEASON: {
        static const char *const sn[] = {"WI", "SP", "SP", "SP", "SU", "SU", "SU",
                                         "FA", "FA", "FA", "WI", "WI"};
        annals__fmt(buf, cap, "%04d-%s", y, sn[(m + 10) % 12]);
        break;
    }
    case G_YEAR: annals__fmt(buf, cap, "%04d", y); break;
    case G_DECADE: annals__fmt(buf, cap, "%03d", y / 10); break;
    case G_CENTURY: annals__fmt(buf, cap, "%02d", y / 100); break;
    default: annals__fmt(buf, cap, "%04d-%02d-%02d", y, m, dd); break;
    }
}

static void set_point(struct hit *h, long z, int gran)
{
    fmt_point(h->value, sizeof h->value, z, gran);
    h->has_value = 1;
    h->point = z;
    h->gran = gran;
}

/* A point relative to the publication date; NULL value without one. */
static void set_dct_point(struct tx *t, struct hit *h, long delta_days, int unit,
                          long n, int gran)
{
    if (!t->have_dct)
        return;
    set_point(h, shift(t->dct + delta_days, unit, n), gran);
    h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
}

static void set_duration(struct hit *h, long n, int unit)
{
    static const char *const u[] = {"", "S", "M", "H", "D", "W", "WE", "M", "Q", "Y",
                                    "DE", "CE"};
    const char *t = unit <= U_HOUR ? "T" : "";
    h->type = ANNALS_TIME_DURATION;
    if (n < 0) {
        annals__fmt(h->value, sizeof h->value, "P%sX%s", t, u[unit]);
        h->vague = 1;
    } else {
        annals__fmt(h->value, sizeof h->value, "P%s%ld%s", t, n, u[unit]);
    }
    h->has_value = 1;
}

static void set_ref(struct hit *h, const char *ref)
{
    annals__fmt(h->value, sizeof h->value, "%s", ref);
    h->has_value = 1;
    h->vague = 1;
}

/* The year of a yearless month (dd == 0) or date: on or before the
** publication date in past context, on or after it in future context, the
** nearer one otherwise. */
static int infer_year(struct tx *t, int m, int dd, int tn)
{
    int y, dm, ddd;
    annals__timex_civil(t->dct, &y, &dm, &ddd);
    long here = (long)dm * 40 + ddd;
    long there = (long)m * 40 + (dd == 0 ? (tn > 0 ? 39 : 0) : dd);
    if (dd == 0 && m == dm)
        return y;
    if (tn < 0)
        return there > here ? y - 1 : y;
    if (tn > 0)
        return there < here ? y + 1 : y;
    long diff = (long)(m - dm);
    if (diff > 6)
        return y - 1;
    if (diff < -6)
        return y + 1;
    return y;
}

/* The weekday wd (1..7) nearest the publication date in the direction the
** tense says: on or before it by default. */
static long weekday_point(struct tx *t, int wd, int dir)
{
    int cur = iso_wday(t->dct);
    if (dir > 0)
        return t->dct + (wd - cur + 7) % 7;
    return t->dct - (cur - wd + 7) % 7;
}

/* ------------------------------------------------------------- patterns */

static void hit_init(struct tx *t, struct hit *h, size_t first, size_t last)
{
    memset(h, 0, sizeof *h);
    h->first = first;
    h->last = last;
    h->start = t->d->tok.v[first].start;
    h->end = info(t, last)->end;
    h->type = ANNALS_TIME_DATE;
    h->tod_min = -1;
}

static void hit_extend(struct tx *t, struct hit *h, size_t last)
{
    h->last = last;
    h->end = info(t, last)->end;
}

/* A count: "three", "48", "a", "a few", "several", "a couple of".  Sets *n
** (-1 when vague) and returns the tokens used, 0 when none. */
static size_t count_at(struct tx *t, size_t i, long *n)
{
    long v = num(t, i);
    if (v >= 0 && info(t, i)->ndig <= 6) {
        *n = v;
        return 1;
    }
    switch (cls(t, i)) {
    case C_NUM:
        *n = val(t, i);
        return 1;
    case C_WORD:
        switch (val(t, i)) {
        case W_A: case W_AN:
            if (is_word(t, i + 1, W_FEW)) {
                *n = -1;
                return 2;
            }
            if (is_word(t, i + 1, W_COUPLE)) {
                *n = 2;
                return is_word(t, i + 2, W_OF) ? 3 : 2;
            }
            *n = 1;
            return 1;
        case W_FEW: case W_SEVERAL: case W_MANY: case W_SOME:
            *n = -1;
            return 1;
        default:
            return 0;
        }
    default:
        return 0;
    }
}

/* A unit word agreeing with count n. */
static int unit_at(struct tx *t, size_t i, long n)
{
    if (cls(t, i) != C_UNIT)
        return 0;
    int plural = (info(t, i)->e->flags & F_PLURAL) != 0;
    if (n == 1 && plural)
        return 0;
    return val(t, i);
}

/* Modifiers kept inside the extent: "more than", "about", "nearly". */
static size_t mod_prefix(struct tx *t, size_t i)
{
    if ((is_word(t, i, W_MORE) || is_word(t, i, W_LESS)) && is_word(t, i + 1, W_THAN))
        return 2;
    if (is_word(t, i, W_AT) && is_word(t, i + 1, W_LEAST))
        return 2;
    if (is_word(t, i, W_ABOUT) || is_word(t, i, W_NEARLY) || is_word(t, i, W_ALMOST))
        return 1;
    return 0;
}

/* Point of an anchored expression: the last calendar point in the
** document, or the publication date when there is none yet. */
static int anchored(struct tx *t, struct hit *h, int unit, long n)
{
    int gran = unit_gran(unit);
    if (t->have_anchor) {
        if (t->anchor_gran > gran)
            gran = t->anchor_gran;
        if (gran == G_SEASON)
            gran = G_YEAR;
        set_point(h, shift(t->anchor_point, unit, n), gran);
        h->anchor_kind = ANNALS_ANCHOR_EXPRESSION;
        h->anchor_idx = t->anchor_idx;
        return 1;
    }
    set_dct_point(t, h, 0, unit, n, gran);
    return 1;
}

/* End of the sentence or a clause: "a day before." but not "a day before
** the vote". */
static int clause_end(struct tx *t, size_t i)
{
    size_t n;
    const char *s;
    if (!in_sent(t, i))
        return 1;
    s = tok_text(t, i, &n);
    return n == 1 && (s[0] == '.' || s[0] == ',' || s[0] == ';' || s[0] == ')' ||
                      s[0] == ':' || s[0] == '"');
}

/* Count-led: "three years", "two days ago", "a day earlier", "48-hour",
** "twice a week", "every two weeks" (the caller handles "every"). */
static int match_count(struct tx *t, size_t i, struct hit *h)
{
    size_t k = i + mod_prefix(t, i), c;
    long n;
    int u;

    if ((is_word(t, k, W_ONCE) || is_word(t, k, W_TWICE)) &&
        (is_word(t, k + 1, W_A) || is_word(t, k + 1, W_AN) || is_word(t, k + 1, W_PER)) &&
        (u = unit_at(t, k + 2, 1)) != 0) {
        hit_init(t, h, i, k + 2);
        h->type = ANNALS_TIME_SET;
        set_duration(h, 1, u);
        h->type = ANNALS_TIME_SET;
        h->vague = 0;
        return 1;
    }
    c = count_at(t, k, &n);
    if (c == 0)
        return 0;
    if (is_word(t, k + c, W_TIMES) && (is_word(t, k + c + 1, W_A) || is_word(t, k + c + 1, W_PER)) &&
        (u = unit_at(t, k + c + 2, 1)) != 0 && n > 0) {
        hit_init(t, h, i, k + c + 2);
        set_duration(h, 1, u);
        h->type = ANNALS_TIME_SET;
        return 1;
    }
    /* "two-day", "48-hour": an adjective, always a duration */
    if (touch(t, k + c - 1) && is_hyphen(t, k + c) && touch(t, k + c) &&
        (u = unit_at(t, k + c + 1, 1)) != 0 && n > 0) {
        if (touch(t, k + c + 1) && is_hyphen(t, k + c + 2) && is_word(t, k + c + 3, W_OLD))
            return 0;       /* an age: "a 10-year-old" */
        hit_init(t, h, i, k + c + 1);
        set_duration(h, n, u);
        return 1;
    }
    if ((u = unit_at(t, k + c, n)) == 0)
        return 0;
    /* "risen by a quarter", "three quarters of the vote": fractions */
    if (u == U_QUARTER && (is_word(t, k + c + 1, W_OF) ||
                           (i > t->first && (is_word(t, i - 1, W_BY) ||
                                             is_word(t, i - 1, W_THAN)))))
        return 0;
    size_t e = k + c;          /* the unit */
    if (is_word(t, e + 1, W_AGO)) {
        hit_init(t, h, i, e + 1);
        if (n >= 0)
            set_dct_point(t, h, 0, u, -n, unit_gran(u));
        else if (t->have_dct)
            set_ref(h, "PAST_REF"), h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
        return 1;
    }
    if (is_word(t, e + 1, W_FROM) && tok_ieq(t, e + 2, "now")) {
        hit_init(t, h, i, e + 2);
        if (n >= 0)
            set_dct_point(t, h, 0, u, n, unit_gran(u));
        return 1;
    }
    if (n >= 0 && !is_word(t, e + 2, W_THAN) &&
        (is_word(t, e + 1, W_EARLIER) || is_word(t, e + 1, W_LATER) ||
                   ((is_word(t, e + 1, W_BEFORE) || is_word(t, e + 1, W_AFTER)) &&
                    clause_end(t, e + 2)))) {
        int back = is_word(t, e + 1, W_EARLIER) || is_word(t, e + 1, W_BEFORE);
        hit_init(t, h, i, e + 1);
        if (u >= U_DAY)
            anchored(t, h, u, back ? -n : n);
        return 1;
    }
    /* "a year" after an amount is a rate: "$5 million a year" */
    if ((is_word(t, k, W_A) || is_word(t, k, W_AN)) && c == 1 && k == i && i > t->first) {
        size_t pn;
        const char *ps = tok_text(t, i - 1, &pn);
        if (num(t, i - 1) >= 0 || is_word(t, i - 1, W_MILLION) ||
            is_word(t, i - 1, W_BILLION) || is_word(t, i - 1, W_PERCENT) ||
            (pn > 0 && is_digit((unsigned char)ps[pn - 1]))) {
            hit_init(t, h, i, k + c);
            set_duration(h, 1, u);
            h->type = ANNALS_TIME_SET;
            return 1;
        }
    }
    hit_init(t, h, i, e);
    set_duration(h, n, u);
    return 1;
}

/* "11 August (2021)", "11th of August" */
static int match_day_month(struct tx *t, size_t i, struct hit *h)
{
    int dd = day_at(t, i), m, y;
    size_t k = i + 1;
    if (dd == 0)
        return 0;
    if (is_word(t, k, W_OF))
        k++;
    if (cls(t, k) != C_MONTH)
        return 0;
    m = val(t, k);
    if (dd > month_len(2000, m))
        return 0;
    y = year_at(t, k + 1);
    if (y == 0 && tok_is(t, k + 1, ",") && year_at(t, k + 2) != 0 ) {
        y = year_at(t, k + 2);
        k++;
    }
    if (y != 0) {
        hit_init(t, h, i, k + 1);
        if (dd <= month_len(y, m))
            set_point(h, annals__timex_days(y, m, dd), G_DAY);
        return 1;
    }
    hit_init(t, h, i, k);
    if (t->have_dct) {
        y = infer_year(t, m, dd, tense(t, i, k));
        if (dd <= month_len(y, m)) {
            set_point(h, annals__timex_days(y, m, dd), G_DAY);
            h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
        }
    } else {
        annals__fmt(h->value, sizeof h->value, "XXXX-%02d-%02d", m, dd);
        h->has_value = 1;
    }
    return 1;
}

/* Words before a bare month or year that make it a date: "in May". */
static int date_prep(struct tx *t, size_t i)
{
    if (cls(t, i) != C_WORD)
        return 0;
    switch (val(t, i)) {
    case W_IN: case W_SINCE: case W_UNTIL: case W_TILL: case W_BY: case W_OF:
    case W_FROM: case W_TO: case W_THROUGH: case W_DURING: case W_BEFORE:
    case W_AFTER: case W_EARLY: case W_LATE: case W_MID: case W_BETWEEN: case W_AND:
    case W_OR: case W_AROUND: case W_THROUGHOUT: case W_WITHIN: case W_END:
    case W_LAST: case W_NEXT: case W_THIS: case W_PAST: case W_THAT: case W_FOR:
    case W_ON: case W_OVER:
        return 1;
    default:
        return 0;
    }
}

/* "Aug. 11, 2021", "August 11", "August 2021", "August" */
static int match_month(struct tx *t, size_t i, struct hit *h, int tn_hint)
{
    const struct tinfo *r = info(t, i);
    int m = r->e->val, dd, y;
    size_t k = i + 1;
    (void)tn_hint;

    dd = day_at(t, k);
    if (dd != 0 && dd <= month_len(2000, m) && !(touch(t, k) && tok_is(t, k + 1, "/"))) {
        y = 0;
        if (tok_is(t, k + 1, ",") && year_at(t, k + 2))
            y = year_at(t, k + 2), k += 2;
        else if (year_at(t, k + 1))
            y = year_at(t, k + 1), k += 1;
        hit_init(t, h, i, k);
        if (y != 0) {
            if (dd <= month_len(y, m))
                set_point(h, annals__timex_days(y, m, dd), G_DAY);
        } else if (t->have_dct) {
            y = infer_year(t, m, dd, tense(t, i, k));
            if (dd <= month_len(y, m)) {
                set_point(h, annals__timex_days(y, m, dd), G_DAY);
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            }
        } else {
            annals__fmt(h->value, sizeof h->value, "XXXX-%02d-%02d", m, dd);
            h->has_value = 1;
        }
        return 1;
    }
    y = year_at(t, k);
    if (y == 0 && (is_word(t, k, W_OF) || tok_is(t, k, ",")) && year_at(t, k + 1))
        y = year_at(t, ++k);
    if (y != 0) {
        hit_init(t, h, i, k);
        set_point(h, annals__timex_days(y, m, 1), G_MONTH);
        return 1;
    }
    /* A bare month: abbreviations and ambiguous words need context, and a
    ** capitalised word after it makes it part of a name ("June Carter"). */
    if (r->e->flags & F_ABBR)
        return 0;
    if ((r->e->flags & F_AMBIG) && !(i > t->first && date_prep(t, i - 1)))
        return 0;
    if (in_sent(t, i + 1) && info(t, i + 1)->cap && cls(t, i + 1) == C_NONE &&
        num(t, i + 1) < 0)
        return 0;
    hit_init(t, h, i, i);
    if (t->have_dct) {
        y = infer_year(t, m, 0, tense(t, i, i));
        set_point(h, annals__timex_days(y, m, 1), G_MONTH);
        h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
    } else {
        annals__fmt(h->value, sizeof h->value, "XXXX-%02d", m);
        h->has_value = 1;
    }
    return 1;
}

/* Part of day after a date: "Wednesday morning", "yesterday evening". */
static void add_part(struct tx *t, struct hit *h)
{
    static const char *const code[] = {"", "MO", "AF", "EV", "NI"};
    if (cls(t, h->last + 1) != C_PART)
        return;
    int p = val(t, h->last + 1);
    hit_extend(t, h, h->last + 1);
    h->type = ANNALS_TIME_TIME;
    if (h->has_value && h->gran == G_DAY) {
        size_t n = strlen(h->value);
        annals__fmt(h->value + n, sizeof h->value - n, "T%s", code[p]);
    }
}

/* "Wednesday", "Wednesday, Aug. 11", "last Friday", "Tuesday night" */
static int match_weekday(struct tx *t, size_t i, size_t first, int dir, struct hit *h)
{
    const struct tinfo *r = info(t, i);
    int wd = r->e->val;
    struct hit h2;

    if ((r->e->flags & F_ABBR) && !r->dot)
        return 0;
    /* an explicit date after the weekday gives the value */
    if (tok_is(t, i + 1, ",") || cls(t, i + 1) == C_MONTH || day_at(t, i + 1)) {
        size_t k = tok_is(t, i + 1, ",") ? i + 2 : i + 1;
        if ((cls(t, k) == C_MONTH && match_month(t, k, &h2, 0) && h2.last > k) ||
            match_day_month(t, k, &h2)) {
            *h = h2;
            h->start = t->d->tok.v[first].start;
            return 1;
        }
    }
    if (in_sent(t, i + 1) && info(t, i + 1)->cap && cls(t, i + 1) == C_NONE &&
        num(t, i + 1) < 0 && !tok_is(t, i + 1, "I"))
        return 0;           /* part of a name: "Sunday Times" */
    hit_init(t, h, first, i);
    if (t->have_dct) {
        int d = dir != 0 ? dir : tense(t, first, i);
        long z;
        if (dir == -2)          /* last Friday: strictly before */
            z = t->dct - ((iso_wday(t->dct) - wd + 6) % 7 + 1);
        else if (dir == 2)      /* next Friday: strictly after */
            z = t->dct + ((wd - iso_wday(t->dct) + 6) % 7 + 1);
        else
            z = weekday_point(t, wd, d > 0 ? 1 : -1);
        set_point(h, z, G_DAY);
        h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
    }
    add_part(t, h);
    return 1;
}

static int match_deictic(struct tx *t, size_t i, struct hit *h);
static void fmt_tod(char *buf, size_t cap, long z, int tod_min, int part);

/* Time of day: "10:30 a.m.", "3 p.m.", "5pm", "at 14:00", "noon". */
static int match_clock(struct tx *t, size_t i, struct hit *h)
{
    size_t n, k;
    const char *s = tok_text(t, i, &n);
    int hh = -1, mm = 0, ampm = 0;

    if (n >= 4 && n <= 5 && is_digit((unsigned char)s[0])) {
        size_t c = s[1] == ':' ? 1 : s[2] == ':' ? 2 : 0;
        if (c != 0 && n - c - 1 == 2 && is_digit((unsigned char)s[c + 1]) &&
            is_digit((unsigned char)s[c + 2]) && (c == 1 || is_digit((unsigned char)s[1]))) {
            hh = c == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
            mm = (s[c + 1] - '0') * 10 + (s[c + 2] - '0');
        }
    } else if (info(t, i)->num >= 1 && info(t, i)->num <= 12 && info(t, i)->ndig <= 2) {
        hh = (int)info(t, i)->num;
    }
    if (hh < 0 || hh > 24 || mm > 59)
        return 0;
    k = i + 1;
    if (tok_ieq(t, k, "a.m.") || tok_ieq(t, k, "am") || tok_ieq(t, k, "a.m"))
        ampm = 1;
    else if (tok_ieq(t, k, "p.m.") || tok_ieq(t, k, "pm") || tok_ieq(t, k, "p.m"))
        ampm = 2;
    if (ampm != 0) {
        if (hh > 12 || hh == 0)
            return 0;
        hh = ampm == 2 ? (hh % 12) + 12 : hh % 12;
    } else {
        /* a bare "14:00" needs "at", "by", "until", "from" or a zone after */
        if (n < 4 || i == t->first ||
            !(is_word(t, i - 1, W_AT) || is_word(t, i - 1, W_BY) ||
              is_word(t, i - 1, W_UNTIL) || is_word(t, i - 1, W_FROM) ||
              is_word(t, i - 1, W_AROUND)))
            return 0;
        k = i;
    }
    if (ampm == 0)
        k = i;
    static const char *const zones[] = {"gmt", "utc", "et", "est", "edt", "pt", "pst",
                                        "pdt", "ct", "cst", "cdt", "bst", "cet", "ist"};
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++)
        if (tok_ieq(t, k + 1, zones[z])) {
            k++;
            break;
        }
    if (is_word(t, k + 1, W_ON) == 0 && tok_ieq(t, k + 1, "local") && tok_ieq(t, k + 2, "time"))
        k += 2;
    hit_init(t, h, i, k);
    h->type = ANNALS_TIME_TIME;
    h->tod_min = hh * 60 + mm;
    /* "4:15 a.m. Tuesday" is one expression */
    if (cls(t, k + 1) == C_WDAY ||
        (cls(t, k + 1) == C_DEIC && val(t, k + 1) <= D_TOMORROW)) {
        struct hit h2;
        int ok = cls(t, k + 1) == C_WDAY ? match_weekday(t, k + 1, k + 1, 0, &h2)
                                         : match_deictic(t, k + 1, &h2);
        if (ok && h2.type == ANNALS_TIME_DATE) {
            hit_extend(t, h, h2.last);
            if (h2.has_value && h2.gran == G_DAY) {
                fmt_tod(h->value, sizeof h->value, h2.point, h->tod_min, 0);
                h->has_value = 1;
                h->point = h2.point;
                h->gran = G_DAY;
                h->anchor_kind = h2.anchor_kind;
            }
            h->tod_min = -1;
        }
    }
    return 1;
}

/* Value of a time of day on day z. */
static void fmt_tod(char *buf, size_t cap, long z, int tod_min, int part)
{
    static const char *const code[] = {"", "MO", "AF", "EV", "NI"};
    size_t n;
    fmt_point(buf, cap, z, G_DAY);
    n = strlen(buf);
    if (tod_min >= 0)
        annals__fmt(buf + n, cap - n, "T%02d:%02d", tod_min / 60, tod_min % 60);
    else
        annals__fmt(buf + n, cap - n, "T%s", code[part]);
}

/* Bare years and decades: "in 2021", "the 1990s", "mid-2020". */
static int match_year(struct tx *t, size_t i, size_t first, struct hit *h)
{
    size_t n;
    const char *s;
    int y;

    if (!in_sent(t, i))
        return 0;           /* "the" ending a sentence */
    s = tok_text(t, i, &n);
    y = year_at(t, i);

    if (y != 0) {
        int ok = i > t->first && (date_prep(t, i - 1) || is_word(t, i - 1, W_THE));
        if (is_word(t, i - 1, W_THE) && in_sent(t, i + 1) && cls(t, i + 1) == C_NONE &&
            num(t, i + 1) < 0 && !clause_end(t, i + 1)) {
            /* "the 2020 election" yes, "the 2000 troops" cannot be told
            ** apart without a tagger: accept only years near the
            ** publication date */
            int dy, dm, ddd;
            ok = 0;
            if (t->have_dct) {
                annals__timex_civil(t->dct, &dy, &dm, &ddd);
                ok = y >= dy - 8 && y <= dy + 4;
            }
            if (ok)
                first = i;
        }
        if (!ok && !(i + 1 < t->end && tok_is(t, i + 1, ",") && i > t->first &&
                     cls(t, i - 1) == C_MONTH))
            return 0;
        if (y < 1800 || y > 2199)
            return 0;
        hit_init(t, h, first, i);
        set_point(h, annals__timex_days(y, 1, 1), G_YEAR);
        return 1;
    }
    /* 1990s */
    if (n == 5 && s[4] == 's' && is_digit((unsigned char)s[0]) &&
        is_digit((unsigned char)s[1]) && is_digit((unsigned char)s[2]) && s[3] == '0') {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10;
        hit_init(t, h, first, i);
        set_point(h, annals__timex_days(y, 1, 1), G_DECADE);
        return 1;
    }
    return 0;
}

/* "mid-2020", "mid-August", "mid-1990s" as one token. */
static int match_mid(struct tx *t, size_t i, struct hit *h)
{
    size_t n;
    const char *s = tok_text(t, i, &n);
    char low[16];
    const struct lex *e;

    if (n < 8 || n >= sizeof low + 4 || (s[0] | 0x20) != 'm' || (s[1] | 0x20) != 'i' ||
        (s[2] | 0x20) != 'd' || s[3] != '-')
        return 0;
    s += 4;
    n -= 4;
    if (n == 4 && is_digit((unsigned char)s[0])) {
        int y = 0;
        for (size_t k = 0; k < 4; k++) {
            if (!is_digit((unsigned char)s[k]))
                return 0;
            y = y * 10 + (s[k] - '0');
        }
        hit_init(t, h, i, i);
        set_point(h, annals__timex_days(y, 1, 1), G_YEAR);
        return 1;
    }
    if (n == 5 && s[4] == 's' && is_digit((unsigned char)s[0]) && s[3] == '0') {
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10;
        hit_init(t, h, i, i);
        set_point(h, annals__timex_days(y, 1, 1), G_DECADE);
        return 1;
    }
    for (size_t k = 0; k < n; k++)
        low[k] = (char)(is_upper((unsigned char)s[k]) ? s[k] | 0x20 : s[k]);
    e = lex_find(low, n);
    if (e == NULL || e->cls != C_MONTH || (e->flags & F_ABBR))
        return 0;
    hit_init(t, h, i, i);
    if (year_at(t, i + 1)) {
        hit_extend(t, h, i + 1);
        set_point(h, annals__timex_days(year_at(t, i + 1), e->val, 1), G_MONTH);
    } else if (t->have_dct) {
        int y = infer_year(t, e->val, 0, tense(t, i, i));
        set_point(h, annals__timex_days(y, e->val, 1), G_MONTH);
        h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
    } else {
        annals__fmt(h->value, sizeof h->value, "XXXX-%02d", e->val);
        h->has_value = 1;
    }
    return 1;
}

/* ISO 2021-08-11 (five touching tokens) and 8/11/2021 (one token). */
static int match_numeric_date(struct tx *t, size_t i, struct hit *h)
{
    size_t n;
    const char *s = tok_text(t, i, &n);
    const char *text = t->d->text;
    size_t at = t->d->tok.v[i].start, len = t->d->text_len;
    int y, m, dd;

    if (n == 4 && at + 10 <= len && text[at + 4] == '-' && text[at + 7] == '-' &&
        is_digit((unsigned char)text[at + 5]) && is_digit((unsigned char)text[at + 6]) &&
        is_digit((unsigned char)text[at + 8]) && is_digit((unsigned char)text[at + 9]) &&
        (at + 10 == len || !is_digit((unsigned char)text[at + 10]))) {
        y = (int)info(t, i)->num;
        m = (text[at + 5] - '0') * 10 + (text[at + 6] - '0');
        dd = (text[at + 8] - '0') * 10 + (text[at + 9] - '0');
        if (m < 1 || m > 12 || dd < 1 || dd > month_len(y, m))
            return 0;
        size_t k = i;
        while (k + 1 < t->end && t->d->tok.v[k].end < at + 10)
            k++;
        if (t->d->tok.v[k].end != at + 10)
            return 0;
        hit_init(t, h, i, k);
        set_point(h, annals__timex_days(y, m, dd), G_DAY);
        return 1;
    }
    /* a/b/c */
    {
        int part[3] = {0, 0, 0}, np = 0, nd = 0, ndy = 0;
        for (size_t k = 0; k < n; k++) {
            if (is_digit((unsigned char)s[k])) {
                part[np] = part[np] * 10 + (s[k] - '0');
                nd++;
                if (nd > 4)
                    return 0;
            } else if (s[k] == '/' && nd > 0 && np < 2) {
                np++;
                nd = 0;
            } else {
                return 0;
            }
            ndy = nd;
        }
        if (np != 2 || (ndy != 2 && ndy != 4))
            return 0;
        y = ndy == 2 ? 2000 + part[2] : part[2];
        if (ndy == 2 && part[2] > 50)
            y = 1900 + part[2];
        m = t->dmy ? part[1] : part[0];
        dd = t->dmy ? part[0] : part[1];
        if (m < 1 || m > 12 || dd < 1 || dd > month_len(y, m))
            return 0;
        hit_init(t, h, i, i);
        set_point(h, annals__timex_days(y, m, dd), G_DAY);
        return 1;
    }
}

#define DIR_TENSE 99      /* direction from the tense around the expression */

/* The point of "this|last|next <unit>" relative to the publication date. */
static void deictic_unit(struct tx *t, struct hit *h, int unit, int dir)
{
    if (!t->have_dct)
        return;
    if (unit == U_WEEKEND) {
        long z = t->dct;
        /* "the weekend" on a weekday: the one just gone, unless the
        ** sentence looks ahead */
        if (dir == DIR_TENSE)
            dir = iso_wday(z) < 6 && tense(t, h->last, h->last) <= 0 ? -1 : 0;
        set_point(h, z + 7 * dir, G_WEEKEND);
    } else if (unit == U_DAY) {
        set_point(h, t->dct + dir, G_DAY);
    } else {
        set_point(h, shift(t->dct, unit, dir), unit_gran(unit));
    }
    h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
}

/* Word-led patterns; first is where the extent starts (a determiner). */
static int match_word(struct tx *t, size_t i, struct hit *h)
{
    int w = val(t, i), u, dir;
    size_t k, c;
    long n;

    switch (w) {
    case W_THE:
        /* the past/last/next/coming N units: a duration */
        if (is_word(t, i + 1, W_PAST) || is_word(t, i + 1, W_LAST) ||
            is_word(t, i + 1, W_NEXT) || is_word(t, i + 1, W_COMING) ||
            is_word(t, i + 1, W_PREVIOUS) || is_word(t, i + 1, W_FOLLOWING)) {
            int rel = is_word(t, i + 1, W_PREVIOUS) || is_word(t, i + 1, W_FOLLOWING);
            k = i + 2;
            c = count_at(t, k, &n);
            if (c == 0) {
                n = 1;
                if (is_word(t, k, W_FEW))
                    c = 1, n = -1;
                else if (cls(t, k) == C_UNIT && (info(t, k)->e->flags & F_PLURAL))
                    n = -1;             /* the coming weeks */
            }
            if ((u = unit_at(t, k + c, n)) != 0) {
                hit_init(t, h, i, k + c);
                if (rel && c == 0) {
                    /* the previous day, the following week: anchored */
                    anchored(t, h, u, is_word(t, i + 1, W_PREVIOUS) ? -1 : 1);
                    return 1;
                }
                set_duration(h, n, u);
                return 1;
            }
            if (is_word(t, i + 1, W_PAST) && c == 0) {
                hit_init(t, h, i, i + 1);   /* the past */
                set_ref(h, "PAST_REF");
                return 1;
            }
            return 0;
        }
        if (is_word(t, i + 1, W_FUTURE)) {
            hit_init(t, h, i, i + 1);
            set_ref(h, "FUTURE_REF");
            return 1;
        }
        /* the next day: anchored */
        if (is_word(t, i + 1, W_NEXT) == 0 && is_word(t, i + 1, W_SAME) &&
            (u = unit_at(t, i + 2, 1)) != 0) {
            hit_init(t, h, i, i + 2);
            anchored(t, h, u, 0);
            return 1;
        }
        /* the day before, the week after */
        if ((u = unit_at(t, i + 1, 1)) != 0 && u >= U_DAY &&
            (is_word(t, i + 2, W_BEFORE) || is_word(t, i + 2, W_AFTER)) &&
            clause_end(t, i + 3)) {
            hit_init(t, h, i, i + 2);
            anchored(t, h, u, is_word(t, i + 2, W_BEFORE) ? -1 : 1);
            return 1;
        }
        /* the first quarter (of 2021) */
        if (cls(t, i + 1) == C_ORD && unit_at(t, i + 2, 1) == U_QUARTER) {
            int q = val(t, i + 1), y = 0;
            k = i + 2;
            if (is_word(t, k + 1, W_OF) && year_at(t, k + 2))
                y = year_at(t, k + 2), k += 2;
            hit_init(t, h, i, k);
            if (y == 0 && t->have_dct) {
                int dm, ddd;
                annals__timex_civil(t->dct, &y, &dm, &ddd);
                if (tense(t, i, k) < 0 && q > (dm - 1) / 3 + 1)
                    y--;
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            }
            if (y != 0)
                set_point(h, annals__timex_days(y, 3 * q - 2, 1), G_QUARTER);
            return 1;
        }
        /* the first half of the year, of 2021, of last year */
        if (cls(t, i + 1) == C_ORD && val(t, i + 1) <= 2 && is_word(t, i + 2, W_HALF) &&
            is_word(t, i + 3, W_OF)) {
            int half = val(t, i + 1), y = 0, dm, ddd;
            k = i + 4;
            if (year_at(t, k)) {
                y = year_at(t, k);
                hit_init(t, h, i, k);
            } else if ((is_word(t, k, W_THE) || is_word(t, k, W_THIS) ||
                        is_word(t, k, W_LAST) || is_word(t, k, W_NEXT)) &&
                       unit_at(t, k + 1, 1) == U_YEAR) {
                hit_init(t, h, i, k + 1);
                if (!t->have_dct)
                    return 1;
                annals__timex_civil(t->dct, &y, &dm, &ddd);
                y += is_word(t, k, W_LAST) ? -1 : is_word(t, k, W_NEXT) ? 1 : 0;
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            } else {
                return 0;
            }
            annals__fmt(h->value, sizeof h->value, "%04d-H%d", y, half);
            h->has_value = 1;
            h->point = annals__timex_days(y, half == 1 ? 1 : 7, 1);
            h->gran = G_YEAR;
            return 1;
        }
        /* the weekend, the 1990s, the summer */
        if (unit_at(t, i + 1, 1) == U_WEEKEND) {
            hit_init(t, h, i, i + 1);
            deictic_unit(t, h, U_WEEKEND, DIR_TENSE);
            return 1;
        }
        if (match_year(t, i + 1, i, h) && h->gran == G_DECADE)
            return 1;
        return 0;

    case W_LAST: case W_PAST: case W_PREVIOUS: case W_NEXT: case W_THIS: case W_COMING:
        dir = w == W_THIS ? 0 : (w == W_NEXT || w == W_COMING) ? 1 : -1;
        if (w == W_PAST || w == W_PREVIOUS || w == W_COMING) {
            /* "past three years" without "the" */
            c = count_at(t, i + 1, &n);
            if (c > 0 && (u = unit_at(t, i + 1 + c, n)) != 0) {
                hit_init(t, h, i, i + 1 + c);
                set_duration(h, n, u);
                return 1;
            }
        }
        if ((u = unit_at(t, i + 1, 1)) != 0 && u >= U_DAY && u != U_DAY) {
            hit_init(t, h, i, i + 1);
            if (w == W_PREVIOUS)
                anchored(t, h, u, -1);
            else
                deictic_unit(t, h, u, dir);
            return 1;
        }
        if (w == W_LAST || w == W_PAST || w == W_NEXT) {
            c = count_at(t, i + 1, &n);
            if (c > 0 && (u = unit_at(t, i + 1 + c, n)) != 0) {
                hit_init(t, h, i, i + 1 + c);
                set_duration(h, n, u);
                return 1;
            }
        }
        if (cls(t, i + 1) == C_WDAY && w != W_PAST && w != W_COMING)
            return match_weekday(t, i + 1, i, w == W_LAST ? -2 : w == W_NEXT ? 2 : 0, h);
        if (cls(t, i + 1) == C_MONTH && !(info(t, i + 1)->e->flags & F_ABBR) &&
            w != W_PAST && w != W_COMING) {
            int m = val(t, i + 1), y, dm, ddd;
            hit_init(t, h, i, i + 1);
            if (t->have_dct) {
                annals__timex_civil(t->dct, &y, &dm, &ddd);
                if (w == W_LAST)
                    y -= m >= dm;
                else if (w == W_NEXT)
                    y += m <= dm;
                set_point(h, annals__timex_days(y, m, 1), G_MONTH);
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            }
            return 1;
        }
        if (cls(t, i + 1) == C_SEASON) {
            hit_init(t, h, i, i + 1);
            if (t->have_dct) {
                static const int mon[] = {0, 4, 7, 10, 1};
                int y, dm, ddd, s = val(t, i + 1);
                annals__timex_civil(t->dct, &y, &dm, &ddd);
                y += dir;
                set_point(h, annals__timex_days(y, mon[s], 1), G_SEASON);
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            }
            return 1;
        }
        if (w == W_THIS && cls(t, i + 1) == C_PART) {
            hit_init(t, h, i, i + 1);
            h->type = ANNALS_TIME_TIME;
            if (t->have_dct) {
                fmt_tod(h->value, sizeof h->value, t->dct, -1, val(t, i + 1));
                h->has_value = 1;
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            }
            return 1;
        }
        if (w == W_LAST && cls(t, i + 1) == C_PART && val(t, i + 1) == P_NI) {
            hit_init(t, h, i, i + 1);
            h->type = ANNALS_TIME_TIME;
            if (t->have_dct) {
                fmt_tod(h->value, sizeof h->value, t->dct - 1, -1, P_NI);
                h->has_value = 1;
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            }
            return 1;
        }
        return 0;

    case W_EARLIER: case W_LATER: case W_EARLY: case W_LATE: case W_MID:
        /* earlier this year, late last month, early next week */
        if ((is_word(t, i + 1, W_THIS) || is_word(t, i + 1, W_LAST) ||
             is_word(t, i + 1, W_NEXT)) &&
            (u = unit_at(t, i + 2, 1)) != 0 && u > U_DAY) {
            dir = is_word(t, i + 1, W_THIS) ? 0 : is_word(t, i + 1, W_NEXT) ? 1 : -1;
            hit_init(t, h, i, i + 2);
            deictic_unit(t, h, u, dir);
            return 1;
        }
        if (w == W_EARLY || w == W_LATE || w == W_MID) {
            if (cls(t, i + 1) == C_MONTH && match_month(t, i + 1, h, 0)) {
                h->start = t->d->tok.v[i].start;
                return 1;
            }
            if (cls(t, i + 1) == C_WDAY && match_weekday(t, i + 1, i, 0, h))
                return 1;
            if (match_year(t, i + 1, i, h))
                return 1;
        }
        return 0;

    case W_RECENT:
        /* in recent weeks: a vague span */
        if ((u = unit_at(t, i + 1, 2)) != 0 && (info(t, i + 1)->e->flags & F_PLURAL)) {
            hit_init(t, h, i, i + 1);
            set_duration(h, -1, u);
            return 1;
        }
        return 0;

    case W_EVERY: case W_EACH: case W_PER:
        if (cls(t, i + 1) == C_WDAY) {
            hit_init(t, h, i, i + 1);
            h->type = ANNALS_TIME_SET;
            annals__fmt(h->value, sizeof h->value, "XXXX-WXX-%d", val(t, i + 1));
            h->has_value = 1;
            return 1;
        }
        c = count_at(t, i + 1, &n);
        if (c > 0 && n > 0 && (u = unit_at(t, i + 1 + c, n)) != 0 &&
            !is_word(t, i + 1, W_A)) {
            hit_init(t, h, i, i + 1 + c);
            set_duration(h, n, u);
            h->type = ANNALS_TIME_SET;
            return 1;
        }
        if ((u = unit_at(t, i + 1, 1)) != 0) {
            hit_init(t, h, i, i + 1);
            set_duration(h, 1, u);
            h->type = ANNALS_TIME_SET;
            return 1;
        }
        return 0;

    case W_HALF:
        /* half a century, half an hour */
        if ((is_word(t, i + 1, W_A) || is_word(t, i + 1, W_AN)) &&
            (u = unit_at(t, i + 2, 1)) != 0) {
            static const struct { int unit; long n; int as; } half[] = {
                {U_CENTURY, 50, U_YEAR}, {U_DECADE, 5, U_YEAR}, {U_YEAR, 6, U_MONTH},
                {U_MONTH, 2, U_WEEK}, {U_DAY, 12, U_HOUR}, {U_HOUR, 30, U_MINUTE},
                {U_MINUTE, 30, U_SECOND}};
            for (size_t q = 0; q < sizeof half / sizeof half[0]; q++)
                if (half[q].unit == u) {
                    hit_init(t, h, i, i + 2);
                    set_duration(h, half[q].n, half[q].as);
                    return 1;
                }
        }
        return 0;

    case W_THAT:
        if ((u = unit_at(t, i + 1, 1)) == U_DAY) {
            hit_init(t, h, i, i + 1);
            anchored(t, h, u, 0);
            return 1;
        }
        return 0;

    case W_THESE:
        if (unit_at(t, i + 1, 2) == U_DAY && (info(t, i + 1)->e->flags & F_PLURAL)) {
            hit_init(t, h, i, i + 1);
            set_ref(h, "PRESENT_REF");
            return 1;
        }
        return 0;

    case W_END: case W_BEGINNING: case W_START: case W_MIDDLE:
        /* end of the year, end of this month */
        if (is_word(t, i + 1, W_OF)) {
            k = i + 2;
            if (is_word(t, k, W_THE) && (u = unit_at(t, k + 1, 1)) > U_DAY) {
                hit_init(t, h, i, k + 1);
                deictic_unit(t, h, u, 0);
                return 1;
            }
        }
        return 0;

    case W_FOR: case W_IN: case W_OVER: case W_WITHIN: case W_AFTER:
        /* for years, in months: vague durations (the preposition is out) */
        if ((u = unit_at(t, i + 1, 2)) >= U_DAY && (info(t, i + 1)->e->flags & F_PLURAL) &&
            u != U_WEEKEND) {
            hit_init(t, h, i + 1, i + 1);
            set_duration(h, -1, u);
            return 1;
        }
        return 0;

    default:
        return 0;
    }
}

/* Deictic words: today, yesterday, tonight, now, recently, noon. */
static int match_deictic(struct tx *t, size_t i, struct hit *h)
{
    int w = val(t, i);
    hit_init(t, h, i, i);
    switch (w) {
    case D_TODAY: case D_YESTERDAY: case D_TOMORROW:
        set_dct_point(t, h, w == D_TODAY ? 0 : w == D_YESTERDAY ? -1 : 1, U_DAY, 0, G_DAY);
        add_part(t, h);
        return 1;
    case D_TONIGHT:
        h->type = ANNALS_TIME_TIME;
        if (t->have_dct) {
            fmt_tod(h->value, sizeof h->value, t->dct, -1, P_NI);
            h->has_value = 1;
            h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
        }
        return 1;
    case D_NOW:
        /* "from now" belongs to a count; "now" alone is the present */
        if (i > t->first && is_word(t, i - 1, W_FROM))
            return 0;
        set_ref(h, "PRESENT_REF");
        return 1;
    case D_NOWADAYS:
        set_ref(h, "PRESENT_REF");
        return 1;
    case D_RECENTLY:
        set_ref(h, "PAST_REF");
        return 1;
    case D_NOON: case D_MIDNIGHT:
        h->type = ANNALS_TIME_TIME;
        h->tod_min = w == D_NOON ? 12 * 60 : 24 * 60;
        return 1;
    default:
        return 0;
    }
}

/* Fixed-date holidays: Christmas (Eve, Day), New Year's Eve and Day. */
static int match_holiday(struct tx *t, size_t i, struct hit *h)
{
    int m, dd;
    size_t last = i;

    if (tok_is(t, i, "Christmas")) {
        m = 12;
        dd = tok_is(t, i + 1, "Eve") ? 24 : 25;
        if (tok_is(t, i + 1, "Eve") || tok_is(t, i + 1, "Day"))
            last = i + 1;
    } else if (tok_is(t, i + 1, "Year's") || tok_is(t, i + 1, "Year\xE2\x80\x99s") ||
               tok_is(t, i + 1, "Year")) {
        if (!tok_is(t, i + 2, "Eve") && !tok_is(t, i + 2, "Day"))
            return 0;
        last = i + 2;
        m = tok_is(t, i + 2, "Eve") ? 12 : 1;
        dd = m == 12 ? 31 : 1;
    } else {
        return 0;
    }
    hit_init(t, h, i, last);
    h->end = t->d->tok.v[last].end;
    if (year_at(t, last + 1)) {
        hit_extend(t, h, last + 1);
        set_point(h, annals__timex_days(year_at(t, last + 1), m, dd), G_DAY);
    } else if (t->have_dct) {
        set_point(h, annals__timex_days(infer_year(t, m, dd, tense(t, i, last)), m, dd), G_DAY);
        h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
    } else {
        annals__fmt(h->value, sizeof h->value, "XXXX-%02d-%02d", m, dd);
        h->has_value = 1;
    }
    return 1;
}

static int match_at(struct tx *t, size_t i, struct hit *h)
{
    const struct tinfo *r = info(t, i);

    if (r->num >= 0) {
        if (match_numeric_date(t, i, h) || match_clock(t, i, h) || match_day_month(t, i, h))
            return 1;
        if (match_count(t, i, h) || match_year(t, i, i, h))
            return 1;
        return 0;
    }
    if (r->ord > 0)
        return match_day_month(t, i, h);
    if (r->e == NULL) {
        size_t n;
        const char *s = tok_text(t, i, &n);
        if (n > 1 && is_digit((unsigned char)s[0]))
            return match_numeric_date(t, i, h) || match_clock(t, i, h) ||
                   match_year(t, i, i, h);
        if (n >= 8 && (s[0] | 0x20) == 'm')
            return match_mid(t, i, h);
        if (tok_is(t, i, "Christmas") || tok_is(t, i, "New"))
            return match_holiday(t, i, h);
        if (n == 2 && (s[0] == 'Q' || s[0] == 'H') && s[1] >= '1' && s[1] <= '4' &&
            year_at(t, i + 1) == 0 && t->have_dct) {
            /* Q3: a quarter of the publication year */
            if (s[0] != 'Q')
                return 0;
            int y, dm, ddd;
            annals__timex_civil(t->dct, &y, &dm, &ddd);
            hit_init(t, h, i, i);
            set_point(h, annals__timex_days(y, 3 * (s[1] - '0') - 2, 1), G_QUARTER);
            h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            return 1;
        }
        return 0;
    }
    switch (r->e->cls) {
    case C_MONTH: return match_month(t, i, h, 0);
    case C_WDAY: return match_weekday(t, i, i, 0, h);
    case C_WDAYS:
        hit_init(t, h, i, i);
        h->type = ANNALS_TIME_SET;
        annals__fmt(h->value, sizeof h->value, "XXXX-WXX-%d", r->e->val);
        h->has_value = 1;
        return 1;
    case C_DEIC: return match_deictic(t, i, h);
    case C_FREQ:
        hit_init(t, h, i, i);
        set_duration(h, 1, r->e->val);
        h->type = ANNALS_TIME_SET;
        return 1;
    case C_NUM: return match_count(t, i, h);
    case C_SEASON:
        if (i > t->first && (is_word(t, i - 1, W_IN) || is_word(t, i - 1, W_THE) ||
                             is_word(t, i - 1, W_DURING) || is_word(t, i - 1, W_BY)) &&
            (year_at(t, i + 1) || (is_word(t, i + 1, W_OF) && year_at(t, i + 2)) ||
             t->have_dct)) {
            static const int mon[] = {0, 4, 7, 10, 1};
            int y, dm, ddd, s = r->e->val;
            size_t last = i;
            size_t first = is_word(t, i - 1, W_THE) ? i - 1 : i;
            if (year_at(t, i + 1))
                y = year_at(t, i + 1), last = i + 1;
            else if (is_word(t, i + 1, W_OF) && year_at(t, i + 2))
                y = year_at(t, i + 2), last = i + 2;
            else {
                annals__timex_civil(t->dct, &y, &dm, &ddd);
                if (tense(t, i, i) < 0 && mon[s] > dm)
                    y--;
            }
            hit_init(t, h, first, last);
            set_point(h, annals__timex_days(y, mon[s], 1), G_SEASON);
            if (last == i)
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            return 1;
        }
        return 0;
    case C_ORD:
        if (unit_at(t, i + 1, 1) == U_QUARTER && i > t->first && !is_word(t, i - 1, W_THE)) {
            /* "first quarter" without "the": same as with it */
            int q = r->e->val, y = 0, dm, ddd;
            size_t k = i + 1;
            if (is_word(t, k + 1, W_OF) && year_at(t, k + 2))
                y = year_at(t, k + 2), k += 2;
            hit_init(t, h, i, k);
            if (y == 0 && t->have_dct) {
                annals__timex_civil(t->dct, &y, &dm, &ddd);
                if (tense(t, i, k) < 0 && q > (dm - 1) / 3 + 1)
                    y--;
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            }
            if (y != 0)
                set_point(h, annals__timex_days(y, 3 * q - 2, 1), G_QUARTER);
            return 1;
        }
        return 0;
    case C_WORD:
        if (match_count(t, i, h))
            return 1;
        return match_word(t, i, h);
    default:
        return 0;
    }
}

/* ---------------------------------------------------------------- stage */

static int push(struct tx *t, struct hit *h)
{
    annals_doc *d = t->d;
    struct doc_timex *x;
    size_t idx = d->timex.n;

    /* a time of day takes the sentence's date, or waits for one */
    if (h->type == ANNALS_TIME_TIME && h->tod_min >= 0) {
        if (t->have_sday) {
            fmt_tod(h->value, sizeof h->value, t->sday, h->tod_min, 0);
            h->has_value = 1;
            h->anchor_kind = ANNALS_ANCHOR_EXPRESSION;
            h->anchor_idx = t->sday_idx;
        } else {
            if (t->have_dct) {
                fmt_tod(h->value, sizeof h->value, t->dct, h->tod_min, 0);
                h->has_value = 1;
                h->anchor_kind = ANNALS_ANCHOR_PUBLICATION;
            }
            if (t->npend < MAX_PEND) {
                t->pend[t->npend] = idx;
                t->pend_last[t->npend] = h->last;
                t->pend_min[t->npend] = h->tod_min;
                t->pend_part[t->npend] = 0;
                t->npend++;
            }
        }
    }
    x = DOC_PUSH(d, d->timex);
    if (x == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    memset(x, 0, sizeof *x);
    x->start = h->start;
    x->end = h->end;
    x->sentence = (uint32_t)t->sent;
    x->type = (uint8_t)h->type;
    x->vague = (uint8_t)h->vague;
    x->anchor_kind = (uint8_t)h->anchor_kind;
    x->anchor = (uint32_t)h->anchor_idx;
    if (h->has_value) {
        size_t n = strlen(h->value);
        x->value = annals__arena_strdup(&d->arena, h->value, n);
        if (x->value == NULL)
            return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
        x->value_len = (uint8_t)n;
    }
    /* a time of day is a detail of an event: dates anchor "a day later" */
    if (h->gran != G_NONE && h->type == ANNALS_TIME_DATE) {
        t->have_anchor = 1;
        t->anchor_point = h->point;
        t->anchor_gran = h->gran;
        t->anchor_idx = idx;
    }
    if (h->gran == G_DAY) {
        /* "at 3 p.m. on Wednesday": a time just before a date takes it */
        for (int k = 0; k < t->npend; k++) {
            struct doc_timex *y = &d->timex.v[t->pend[k]];
            char buf[48];
            size_t n;
            if (h->first > t->pend_last[k] + 3)
                continue;
            fmt_tod(buf, sizeof buf, h->point, t->pend_min[k], t->pend_part[k]);
            n = strlen(buf);
            y->value = annals__arena_strdup(&d->arena, buf, n);
            if (y->value == NULL)
                return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
            y->value_len = (uint8_t)n;
            y->anchor_kind = ANNALS_ANCHOR_EXPRESSION;
            y->anchor = (uint32_t)idx;
        }
        t->npend = 0;
        if (!t->have_sday) {
            t->have_sday = 1;
            t->sday = h->point;
            t->sday_idx = idx;
        }
    }
    return ANNALS_OK;
}

/* A new sentence: no date of its own yet. */
static void end_sentence(struct tx *t)
{
    t->npend = 0;
    t->have_sday = 0;
}

int annals__timex_run(const annals_pipeline *p, annals_doc *d)
{
    struct tx t;
    size_t len;
    const char *date = annals_doc_meta(d, ANNALS_META_DATE, &len);
    struct hit h;
    int rc;

    memset(&t, 0, sizeof t);
    t.d = d;
    t.dmy = p->opt.date_order == ANNALS_DATE_DMY;
    if (date != NULL && len >= 10) {
        int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 +
                (date[3] - '0');
        int m = (date[5] - '0') * 10 + (date[6] - '0');
        int dd = (date[8] - '0') * 10 + (date[9] - '0');
        t.have_dct = 1;
        t.dct = annals__timex_days(y, m, dd);
    }
    d->timex.n = 0;
    for (t.sent = 0; t.sent < d->sent.n; t.sent++) {
        const struct doc_sentence *s = &d->sent.v[t.sent];
        t.first = s->first_token;
        t.end = s->first_token + s->n_tokens;
        for (size_t i = t.first; i < t.end; i++) {
            const struct doc_token *k = &d->tok.v[i];
            unsigned char c = (unsigned char)d->text[k->start];
            /* cheap filter: only letters and digits start an expression */
            if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !is_digit(c))
                continue;
            if (k->end - k->start > 24)
                continue;
            if (match_at(&t, i, &h)) {
                rc = push(&t, &h);
                if (rc != ANNALS_OK)
                    return rc;
                i = h.last;
            }
        }
        end_sentence(&t);
    }
    return ANNALS_OK;
}

/* -------------------------------------------------------------- accessors */

const char *annals_time_type_name(int type)
{
    switch (type) {
    case ANNALS_TIME_DATE: return "DATE";
    case ANNALS_TIME_TIME: return "TIME";
    case ANNALS_TIME_DURATION: return "DURATION";
    case ANNALS_TIME_SET: return "SET";
    default: return "unknown";
    }
}

size_t annals_doc_time_count(const annals_doc *d) { return d == NULL ? 0 : d->timex.n; }

int annals_doc_time(const annals_doc *d, size_t i, struct annals_time_info *out)
{
    const struct doc_timex *x;
    size_t e;

    if (d == NULL || out == NULL || i >= d->timex.n)
        return ANNALS_EINVAL;
    x = &d->timex.v[i];
    out->span.start = annals__doc_orig_offset(d, x->start);
    e = x->end;
    out->span.end = annals__doc_orig_offset(d, e);
    /* inside a stretch NFC rewrote, widen rather than come out empty */
    while (out->span.end <= out->span.start && e < d->text_len)
        out->span.end = annals__doc_orig_offset(d, ++e);
    out->type = x->type;
    out->value = x->value;
    out->value_len = x->value_len;
    out->vague = x->vague;
    out->anchor = x->anchor_kind;
    out->anchor_index = x->anchor;
    out->sentence = x->sentence;
    return ANNALS_OK;
}
