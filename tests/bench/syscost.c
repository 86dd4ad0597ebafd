/* tests/bench/syscost.c: what each kind of system call mpathboot makes per path costs in
 * the guest (Debian's kernel under TCG), so discovery work can be weighed by what the kernel
 * spends on it, not by host instruction counts.
 *
 *   syscost [PASSES]
 *
 * For every sd disk in /sys/block, one operation kind at a time over all disks (so each
 * figure is a mean over the disks), PASSES times (default 2; pass 1 is the first visit of
 * the disks' sysfs directories if nothing read them before). Prints one line per kind:
 *   BENCH-COST <pass> <kind> <ops> <total us> <us per op>
 * Reads only: sysfs attributes, directory listings, links, and on /dev/sdX opened
 * O_RDONLY|O_NONBLOCK: TEST UNIT READY, REPORT TARGET PORT GROUPS (no data out) and one
 * O_DIRECT read of the first 4 KiB. Static musl, like runstat and dmfloor. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <scsi/sg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_DISKS 8192

static char *disks[MAX_DISKS];
static int ndisks;
static char page[65536] __attribute__((aligned(4096)));

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int by_name(const void *a, const void *b) {
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    size_t lx = strlen(x), ly = strlen(y);
    return lx != ly ? (int)(lx - ly) : strcmp(x, y);
}

static void list_disks(void) {
    DIR *d = opendir("/sys/block");
    struct dirent *e;
    if (!d) { perror("/sys/block"); exit(1); }
    while ((e = readdir(d)) && ndisks < MAX_DISKS)
        if (!strncmp(e->d_name, "sd", 2)) disks[ndisks++] = strdup(e->d_name);
    closedir(d);
    qsort(disks, ndisks, sizeof *disks, by_name);
}

static void report(int pass, const char *kind, int ops, double us) {
    printf("BENCH-COST %d %s %d %.0f %.1f\n", pass, kind, ops, us, ops ? us / ops : 0.0);
    fflush(stdout);
}

/* open + read + close of one attribute, relative to an open directory */
static void read_attr(int dir, const char *name) {
    int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    if (read(fd, page, sizeof page) < 0) { /* the cost is what is measured */ }
    close(fd);
}

static void list_dir(int dir, const char *name) {
    int fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
    if (fd < 0) return;
    while (syscall(SYS_getdents64, fd, page, sizeof page) > 0) {}
    close(fd);
}

static int scsi(int fd, const unsigned char *cdb, int cdb_len, int data_len) {
    unsigned char sense[32];
    struct sg_io_hdr h;
    memset(&h, 0, sizeof h);
    h.interface_id = 'S';
    h.cmdp = (unsigned char *)cdb;
    h.cmd_len = cdb_len;
    h.dxfer_direction = data_len ? SG_DXFER_FROM_DEV : SG_DXFER_NONE;
    h.dxferp = page;
    h.dxfer_len = data_len;
    h.sbp = sense;
    h.mx_sb_len = sizeof sense;
    h.timeout = 5000;
    return ioctl(fd, SG_IO, &h);
}

enum node_op { NODE_OPEN, NODE_TUR, NODE_RTPG, NODE_DIRECT_READ };

/* open /dev/<disk> (read-only, with `flags`), `op`, close: over every disk. */
static void time_nodes(int pass, const char *kind, int flags, enum node_op op) {
    static const unsigned char tur[6] = {0};
    static const unsigned char rtpg[12] = {0xa3, 0x0a, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0};
    char node[64];
    double t = now_us();
    for (int i = 0; i < ndisks; i++) {
        snprintf(node, sizeof node, "/dev/%s", disks[i]);
        int fd = open(node, O_RDONLY | O_CLOEXEC | flags);
        switch (op) {
        case NODE_OPEN: break;
        case NODE_TUR: scsi(fd, tur, 6, 0); break;
        case NODE_RTPG: scsi(fd, rtpg, 12, 4096); break;
        case NODE_DIRECT_READ: if (pread(fd, page, 4096, 0) < 0) {} break;
        }
        close(fd);
    }
    report(pass, kind, ndisks, now_us() - t);
}

int main(int argc, char **argv) {
    int passes = argc > 1 ? atoi(argv[1]) : 2;
    static const char *block_attrs[] = {"dev", "size", "uevent"};
    static const char *device_attrs[] = {"inquiry", "state", "access_state", "dh_state", "vpd_pg83", "vpd_pg80"};
    char link[4096];
    int block = open("/sys/block", O_RDONLY | O_DIRECTORY);
    list_disks();
    printf("BENCH-COST-DISKS %d\n", ndisks);
    for (int pass = 1; pass <= passes; pass++) {
        double t;
        int i, a;

        t = now_us();
        for (i = 0; i < ndisks; i++) { int fd = openat(block, disks[i], O_RDONLY | O_DIRECTORY); close(fd); }
        report(pass, "open-disk-dir", ndisks, now_us() - t);

        t = now_us();
        for (i = 0; i < ndisks; i++) if (readlinkat(block, disks[i], link, sizeof link) < 0) {}
        report(pass, "readlink-block-link", ndisks, now_us() - t);

        for (a = 0; a < 3; a++) {
            char kind[64];
            t = now_us();
            for (i = 0; i < ndisks; i++) {
                int dir = openat(block, disks[i], O_RDONLY | O_DIRECTORY);
                read_attr(dir, block_attrs[a]);
                close(dir);
            }
            snprintf(kind, sizeof kind, "attr-%s+dir", block_attrs[a]);
            report(pass, kind, ndisks, now_us() - t);
        }

        for (a = 0; a < 2; a++) {
            static const char *const listed[2][2] = {{".", "list-disk-dir+dir"}, {"holders", "list-holders+dir"}};
            t = now_us();
            for (i = 0; i < ndisks; i++) {
                int dir = openat(block, disks[i], O_RDONLY | O_DIRECTORY);
                list_dir(dir, listed[a][0]);
                close(dir);
            }
            report(pass, listed[a][1], ndisks, now_us() - t);
        }

        t = now_us();
        for (i = 0; i < ndisks; i++) {
            int dir = openat(block, disks[i], O_RDONLY | O_DIRECTORY);
            if (readlinkat(dir, "device", link, sizeof link) < 0) {}
            close(dir);
        }
        report(pass, "readlink-device+dir", ndisks, now_us() - t);

        t = now_us();
        for (i = 0; i < ndisks; i++) {
            int dir = openat(block, disks[i], O_RDONLY | O_DIRECTORY);
            int dev = openat(dir, "device", O_RDONLY | O_DIRECTORY);
            close(dev);
            close(dir);
        }
        report(pass, "open-device-dir+dir", ndisks, now_us() - t);

        for (a = 0; a < 6; a++) {
            char kind[64];
            t = now_us();
            for (i = 0; i < ndisks; i++) {
                int dir = openat(block, disks[i], O_RDONLY | O_DIRECTORY);
                int dev = openat(dir, "device", O_RDONLY | O_DIRECTORY);
                read_attr(dev, device_attrs[a]);
                close(dev);
                close(dir);
            }
            snprintf(kind, sizeof kind, "attr-device/%s+dirs", device_attrs[a]);
            report(pass, kind, ndisks, now_us() - t);
        }

        time_nodes(pass, "open-close-dev-node", O_NONBLOCK, NODE_OPEN);
        time_nodes(pass, "tur+node", O_NONBLOCK, NODE_TUR);
        time_nodes(pass, "rtpg+node", O_NONBLOCK, NODE_RTPG);
        time_nodes(pass, "direct-read-4k+node", O_DIRECT, NODE_DIRECT_READ);

        t = now_us();
        {
            int fd = open("/proc/partitions", O_RDONLY);
            while (read(fd, page, sizeof page) > 0) {}
            close(fd);
        }
        report(pass, "proc-partitions-once", 1, now_us() - t);

        t = now_us();
        for (i = 0; i < ndisks; i++) { int fd = open("/proc/self/mountinfo", O_RDONLY); close(fd); }
        report(pass, "open-close-procfile", ndisks, now_us() - t);

        t = now_us();
        for (i = 0; i < ndisks; i++) syscall(SYS_getppid);
        report(pass, "null-syscall", ndisks, now_us() - t);
    }
    return 0;
}
