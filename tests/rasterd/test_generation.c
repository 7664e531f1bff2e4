// Output generations: switch, keep two, failure and abort, hard-linked
// refresh, migration of a real folder, the lock.
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/check.h"

#include "generation.h"

static char root[64];
static char out[96];

static void path_of(char *buf, size_t len, const char *rel)
{
    snprintf(buf, len, "%s/%s", root, rel);
}

static int file_is(const char *rel, const char *text)
{
    char p[160], got[64] = {0};
    path_of(p, sizeof(p), rel);
    FILE *f = fopen(p, "r");
    if (f == NULL) {
        return 0;
    }
    size_t n = fread(got, 1, sizeof(got) - 1, f);
    fclose(f);
    return n == strlen(text) && memcmp(got, text, n) == 0;
}

static int exists(const char *rel)
{
    char p[160];
    struct stat st;
    path_of(p, sizeof(p), rel);
    return lstat(p, &st) == 0;
}

static size_t store_entries(void)
{
    char p[160];
    path_of(p, sizeof(p), ".out.gen");
    DIR *d = opendir(p);
    size_t n = 0;
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL) {
        n += de->d_name[0] != '.';
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

static int publish(const char *a, const char *b)
{
    struct generation g;
    int rc = generation_begin(&g, out, NULL, NULL, 0);
    rc = rc ? rc : generation_add(&g, "a.txt", a, strlen(a));
    rc = rc ? rc : generation_add(&g, "b.txt", b, strlen(b));
    rc = rc ? rc : generation_commit(&g);
    generation_finish(&g);
    return rc;
}

static void test_generation_switches_and_keeps_two(void)
{
    CHECK(publish("a1", "b1") == 0);
    CHECK(file_is("out/a.txt", "a1") && file_is("out/b.txt", "b1"));
    CHECK(publish("a2", "b2") == 0);
    CHECK(publish("a3", "b3") == 0);
    char link[64] = {0};
    CHECK(readlink(out, link, sizeof(link) - 1) > 0 && strcmp(link, ".out.gen/3") == 0);
    CHECK(file_is("out/a.txt", "a3") && file_is(".out.gen/2/a.txt", "a2"));
    CHECK(!exists(".out.gen/1"));
    CHECK(store_entries() == 3); // lock, 2, 3
}

static void test_generation_abort_leaves_current(void)
{
    struct generation g;
    CHECK(generation_begin(&g, out, NULL, NULL, 0) == 0);
    CHECK(generation_add(&g, "a.txt", "x", 1) == 0);
    CHECK(store_entries() == 4); // and the new folder
    generation_finish(&g);       // no commit: an error in the build
    CHECK(store_entries() == 3);
    CHECK(file_is("out/a.txt", "a3"));
}

static void test_generation_refresh_links_current(void)
{
    struct generation g;
    CHECK(generation_begin(&g, out, NULL, NULL, 0) == 0);
    CHECK(generation_add_current(&g) == 0);
    CHECK(generation_add(&g, "b.txt", "b4", 2) == 0);
    CHECK(generation_commit(&g) == 0);
    generation_finish(&g);
    CHECK(file_is("out/a.txt", "a3") && file_is("out/b.txt", "b4"));
    CHECK(file_is(".out.gen/3/b.txt", "b3")); // the previous one is untouched
}

static void test_generation_lock_refuses_second_writer(void)
{
    struct generation_lock lk;
    char why[1024];
    CHECK(generation_lock_take(&lk, out, why, sizeof(why)) == 0);
    struct generation g;
    CHECK(generation_begin(&g, out, NULL, NULL, 0) != 0);
    CHECK(strstr(g.why, "another rasterd") != NULL);
    generation_finish(&g);
    CHECK(generation_begin(&g, out, &lk, NULL, 0) == 0); // the holder may
    generation_finish(&g);
    generation_lock_release(&lk);
    CHECK(publish("a5", "b5") == 0);
}

static void test_generation_migrates_only_own_files(void)
{
    char p[160];
    CHECK(unlink(out) == 0);
    CHECK(mkdir(out, 0755) == 0);
    path_of(p, sizeof(p), "out/mine.txt");
    FILE *f = fopen(p, "w");
    CHECK(f != NULL && fputs("mine", f) >= 0 && fclose(f) == 0);
    struct generation g;
    const char *names[] = {"a.txt", "b.txt"};
    CHECK(generation_begin(&g, out, NULL, names, 2) != 0);
    CHECK(strstr(g.why, "mine.txt") != NULL);
    generation_finish(&g);
    CHECK(file_is("out/mine.txt", "mine"));
    path_of(p, sizeof(p), "out/a.txt");
    char from[160];
    path_of(from, sizeof(from), "out/mine.txt");
    CHECK(rename(from, p) == 0); // now only an output name is there
    CHECK(generation_begin(&g, out, NULL, names, 2) == 0);
    CHECK(generation_add(&g, "a.txt", "a6", 2) == 0);
    CHECK(generation_commit(&g) == 0);
    generation_finish(&g);
    struct stat st;
    CHECK(lstat(out, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(file_is("out/a.txt", "a6"));
}

static void test_generation_refuses_foreign_symlink(void)
{
    CHECK(unlink(out) == 0);
    CHECK(symlink("/tmp", out) == 0);
    struct generation g;
    CHECK(generation_begin(&g, out, NULL, NULL, 0) != 0);
    CHECK(strstr(g.why, "not a symlink") != NULL);
    generation_finish(&g);
    char link[16] = {0};
    CHECK(readlink(out, link, sizeof(link) - 1) > 0 && strcmp(link, "/tmp") == 0);
}

int main(void)
{
    snprintf(root, sizeof(root), "/tmp/test-generation-XXXXXX");
    if (mkdtemp(root) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(out, sizeof(out), "%s/out", root);
    test_generation_switches_and_keeps_two();
    test_generation_abort_leaves_current();
    test_generation_refresh_links_current();
    test_generation_lock_refuses_second_writer();
    test_generation_migrates_only_own_files();
    test_generation_refuses_foreign_symlink();
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot remove %s\n", root);
    }
    return check_status();
}
