// Output sets (outset.h): every target or none, also when a later target
// cannot be replaced.
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/check.h"

#include "outset.h"

static char root[64];

static char *path_of(const char *name)
{
    static char buf[4][160];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof(buf[0]), "%s/%s", root, name);
    return p;
}

static void put(const char *name, const char *text)
{
    FILE *f = fopen(path_of(name), "w");
    CHECK(f != NULL && fputs(text, f) >= 0 && fclose(f) == 0);
}

static int file_is(const char *name, const char *text)
{
    char got[64] = {0};
    FILE *f = fopen(path_of(name), "r");
    if (f == NULL) {
        return text == NULL;
    }
    size_t n = fread(got, 1, sizeof(got) - 1, f);
    fclose(f);
    return text != NULL && n == strlen(text) && memcmp(got, text, n) == 0;
}

// Names in the folder that are left-over temporary files.
static int debris(void)
{
    DIR *d = opendir(root);
    int n = 0;
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL) {
        n += strstr(de->d_name, ".tmp.") != NULL;
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

static void test_outset_replaces_all(void)
{
    put("a", "old a");
    struct outset set;
    outset_init(&set);
    CHECK(outset_add(&set, path_of("a"), "new a", 5) == 0);
    CHECK(outset_add(&set, path_of("b"), "new b", 5) == 0);
    CHECK(outset_commit(&set) == 0, "%s", set.why);
    outset_finish(&set);
    CHECK(file_is("a", "new a") && file_is("b", "new b"));
    CHECK(debris() == 0);
}

// A folder where the second output goes: found before anything is renamed.
static void test_outset_refuses_folder_target(void)
{
    put("c", "old c");
    CHECK(mkdir(path_of("d"), 0755) == 0);
    struct outset set;
    outset_init(&set);
    CHECK(outset_add(&set, path_of("c"), "new c", 5) == 0);
    CHECK(outset_add(&set, path_of("d"), "new d", 5) == 0);
    CHECK(outset_commit(&set) != 0);
    CHECK(strstr(set.why, "is a folder") != NULL, "%s", set.why);
    outset_finish(&set);
    CHECK(file_is("c", "old c"));
    CHECK(debris() == 0);
}

// A rename that fails after the first one succeeded: the first is undone
// (its old content back, a new file removed).
static void test_outset_undoes_earlier_renames(void)
{
    put("e", "old e");
    struct outset set;
    outset_init(&set);
    CHECK(outset_add(&set, path_of("e"), "new e", 5) == 0);
    CHECK(outset_add(&set, path_of("f"), "new f", 5) == 0);
    CHECK(outset_add(&set, path_of("g"), "new g", 5) == 0);
    CHECK(unlink(set.tmp[2]) == 0); // the third rename fails (ENOENT)
    CHECK(outset_commit(&set) != 0);
    outset_finish(&set);
    CHECK(file_is("e", "old e"));
    CHECK(file_is("f", NULL) && file_is("g", NULL));
    CHECK(debris() == 0);
}

int main(void)
{
    snprintf(root, sizeof(root), "/tmp/test-outset-XXXXXX");
    if (mkdtemp(root) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_outset_replaces_all();
    test_outset_refuses_folder_target();
    test_outset_undoes_earlier_renames();
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot remove %s\n", root);
    }
    return check_status();
}
