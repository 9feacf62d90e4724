/* fuzz_main.c -- replay fuzz inputs through LLVMFuzzerTestOneInput without
** libFuzzer, so that every corpus runs in a plain (optionally sanitised) gcc
** build inside `make test`.
**
**   fuzz_X FILE-OR-DIR...
**
** Each file is read into a buffer of exactly its size (so that a sanitizer
** sees any read past the end) and passed to the target once.  Directory
** entries are replayed in name order, so runs are repeatable.  Like SQLite's
** fuzzcheck it looks only for crashes, sanitizer reports and leaks; the
** targets themselves check what they can about the output.  Exit status:
** 0 when every input ran, 2 when an input cannot be read. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;

    if (f == NULL) {
        fprintf(stderr, "fuzz_main: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (;;) {
        uint8_t chunk[65536];
        size_t n = fread(chunk, 1, sizeof chunk, f);
        if (n == 0)
            break;
        if (len + n > cap) {
            size_t ncap = cap == 0 ? n : cap;
            uint8_t *nb;
            while (ncap < len + n)
                ncap *= 2;
            nb = realloc(buf, ncap);
            if (nb == NULL) {
                fprintf(stderr, "fuzz_main: %s: out of memory\n", path);
                free(buf);
                fclose(f);
                return -1;
            }
            buf = nb;
            cap = ncap;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    if (ferror(f)) {
        fprintf(stderr, "fuzz_main: %s: read error\n", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    /* An exact-size copy: the slack of the growing buffer would hide
    ** overreads from AddressSanitizer. */
    {
        uint8_t *exact = malloc(len == 0 ? 1 : len);
        if (exact == NULL) {
            free(buf);
            return -1;
        }
        if (len > 0)
            memcpy(exact, buf, len);
        free(buf);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every regular file of dir, in name order; returns the count or -1. */
static long replay_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    long done = 0;

    if (dp == NULL) {
        fprintf(stderr, "fuzz_main: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap == 0 ? 64 : cap * 2;
            char **nn = realloc(names, ncap * sizeof *nn);
            if (nn == NULL)
                break;
            names = nn;
            cap = ncap;
        }
        names[n] = strdup(e->d_name);
        if (names[n] == NULL)
            break;
        n++;
    }
    closedir(dp);
    if (n > 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(plen);
        struct stat st;
        if (path == NULL) {
            done = -1;
            break;
        }
        snprintf(path, plen, "%s/%s", dir, names[i]);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(path) != 0)
                done = -1;
            else if (done >= 0)
                done++;
        }
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return done;
}

int main(int argc, char **argv)
{
    long total = 0;
    int bad = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-DIR...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "fuzz_main: %s: %s\n", argv[i], strerror(errno));
            bad = 1;
        } else if (S_ISDIR(st.st_mode)) {
            long k = replay_dir(argv[i]);
            if (k < 0)
                bad = 1;
            else
                total += k;
        } else if (replay_file(argv[i]) != 0) {
            bad = 1;
        } else {
            total++;
        }
    }
    printf("replayed %ld input%s\n", total, total == 1 ? "" : "s");
    return bad ? 2 : 0;
}
