/*
 * dmfloor: the device-mapper floor for the benchmark. Loads given tables with the least
 * work libdevmapper allows, the same calls mpathboot's LibDeviceMapper makes per map:
 * DM_DEVICE_CREATE (name + uuid), DM_DEVICE_RELOAD (the table), DM_DEVICE_RESUME, then
 * dm_task_update_nodes() (libdm, built without udev sync, makes /dev/mapper/<name>).
 * No discovery, no planning, no path checks, no partition scan.
 *
 *   dmfloor < TABLES
 *
 * TABLES: one target per line, "<name> <uuid> <start> <length> <type> <params...>"
 * (`dmsetup table` lines with the uuid put in); consecutive lines with the same name are
 * one table. Prints "dmfloor: N maps" to stderr; exit 1 at the first failing map (it is
 * left as it is: the benchmark removes every map afterwards anyway).
 * Linked static against the musl libdevmapper.a the Makefile builds (build/libdm.path).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdevmapper.h>

#define MAX_TARGETS 256

struct target {
    unsigned long long start, length;
    char type[64];
    char *params;
};

static int run(int type, const char *name, const char *uuid, struct target *t, int n)
{
    struct dm_task *dmt = dm_task_create(type);
    int ok, i;

    if (!dmt || !dm_task_set_name(dmt, name))
        return 0;
    if (uuid && !dm_task_set_uuid(dmt, uuid))
        return 0;
    for (i = 0; i < n; i++)
        if (!dm_task_add_target(dmt, t[i].start, t[i].length, t[i].type, t[i].params))
            return 0;
    ok = dm_task_run(dmt);
    dm_task_destroy(dmt);
    return ok;
}

static int make_map(const char *name, const char *uuid, struct target *t, int n)
{
    if (!run(DM_DEVICE_CREATE, name, uuid, NULL, 0)) {
        fprintf(stderr, "dmfloor: %s: create failed\n", name);
        return 0;
    }
    if (!run(DM_DEVICE_RELOAD, name, NULL, t, n) || !run(DM_DEVICE_RESUME, name, NULL, NULL, 0)) {
        fprintf(stderr, "dmfloor: %s: load/resume failed\n", name);
        return 0;
    }
    dm_task_update_nodes();
    return 1;
}

int main(void)
{
    static struct target targets[MAX_TARGETS];
    char *line = NULL, name[256] = "", uuid[256] = "", n2[256], u2[256];
    size_t cap = 0;
    int n = 0, maps = 0, i, used;

    dm_udev_set_sync_support(0);
    for (;;) {
        struct target t;
        ssize_t len = getline(&line, &cap, stdin);
        int eof = len < 0;

        if (!eof) {
            if (len > 0 && line[len - 1] == '\n')
                line[--len] = 0;
            if (len == 0)
                continue;
            if (sscanf(line, "%255s %255s %llu %llu %63s %n", n2, u2, &t.start, &t.length,
                       t.type, &used) < 5) {
                fprintf(stderr, "dmfloor: bad line: %s\n", line);
                return 1;
            }
        }
        if (n > 0 && (eof || strcmp(n2, name) != 0)) {
            if (!make_map(name, uuid, targets, n))
                return 1;
            maps++;
            for (i = 0; i < n; i++)
                free(targets[i].params);
            n = 0;
        }
        if (eof)
            break;
        if (n == MAX_TARGETS) {
            fprintf(stderr, "dmfloor: %s: more than %d targets\n", n2, MAX_TARGETS);
            return 1;
        }
        strcpy(name, n2);
        strcpy(uuid, u2);
        t.params = strdup(line + used);
        targets[n++] = t;
    }
    free(line);
    dm_lib_release();
    fprintf(stderr, "dmfloor: %d maps\n", maps);
    return 0;
}
