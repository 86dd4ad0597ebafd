/*
 * CMPath: the C side of mpathboot. Headers, and static inline wrappers for what Swift
 * cannot call directly (variadic functions, function-like macros, errno, C globals that
 * Swift 6 rejects as shared mutable state). No logic lives here.
 */
#ifndef CMPATH_H
#define CMPATH_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <regex.h>
#include <linux/fs.h>          /* BLKGETSIZE64, BLKSSZGET */
#include <scsi/sg.h>           /* sg_io_hdr_t, SG_IO, SG_GET_SCSI_ID */
#include <scsi/scsi.h>         /* SCSI_IOCTL_GET_IDLUN */
#include <libdevmapper.h>

/* ---- errno and variadic libc calls ---- */
static inline int cmp_errno(void) { return errno; }
static inline void cmp_set_errno(int e) { errno = e; }
/* openat(2) itself: musl's open() follows every O_CLOEXEC open with fcntl(F_SETFD) for
 * kernels before 2.6.23, a second syscall per sysfs attribute read. */
static inline int cmp_openat(int dirfd, const char *path, int flags) {
    return (int)syscall(SYS_openat, dirfd, path, flags | O_CLOEXEC, 0);
}
static inline int cmp_open(const char *path, int flags) { return cmp_openat(AT_FDCWD, path, flags); }
/* getdents64(2) itself: fdopendir costs an fstat, two fcntls and a malloc'd DIR per listing. */
static inline long cmp_getdents64(int fd, void *buffer, size_t size) {
    return syscall(SYS_getdents64, fd, buffer, size);
}
static inline int cmp_open_mode(const char *path, int flags, mode_t mode) {
    return (int)syscall(SYS_openat, AT_FDCWD, path, flags | O_CLOEXEC, mode);
}
static inline int cmp_ioctl(int fd, unsigned long request, void *arg) { return ioctl(fd, request, arg); }

/* O_DIRECT is a GNU extension of <fcntl.h>; defining _GNU_SOURCE here would change
 * <regex.h> and clash with the Glibc module tests import, so cmpath.c answers it. */
int cmp_O_DIRECT(void);

/* ---- ioctl request numbers that are function-like macros ---- */
static inline unsigned long cmp_BLKGETSIZE64(void) { return BLKGETSIZE64; }
static inline unsigned long cmp_BLKSSZGET(void) { return BLKSSZGET; }
static inline unsigned long cmp_SG_IO(void) { return SG_IO; }
static inline unsigned long cmp_SG_GET_SCSI_ID(void) { return SG_GET_SCSI_ID; }
static inline unsigned long cmp_SCSI_IOCTL_GET_IDLUN(void) { return SCSI_IOCTL_GET_IDLUN; }

/* ---- dev_t macros ---- */
static inline dev_t cmp_makedev(unsigned int maj, unsigned int min) { return makedev(maj, min); }
static inline unsigned int cmp_major(dev_t d) { return major(d); }
static inline unsigned int cmp_minor(dev_t d) { return minor(d); }
static inline int cmp_s_isblk(mode_t m) { return S_ISBLK(m); }
static inline int cmp_s_isdir(mode_t m) { return S_ISDIR(m); }
static inline int cmp_s_isreg(mode_t m) { return S_ISREG(m); }
static inline int cmp_s_ischr(mode_t m) { return S_ISCHR(m); }

/* ---- directory entries: d_name is a fixed array that Swift imports as a tuple ---- */
static inline const char *cmp_dirent_name(const struct dirent *d) { return d->d_name; }
static inline unsigned char cmp_dirent_type(const struct dirent *d) { return d->d_type; }

/* ---- monotonic clock in milliseconds, for bounded waits ---- */
static inline int64_t cmp_monotonic_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
static inline void cmp_sleep_ms(unsigned int ms) {
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) { }
}

/* ---- stdio: Swift 6 rejects the stdout/stderr globals ---- */
static inline void cmp_stdout_unbuffered(void) { setvbuf(stdout, NULL, _IONBF, 0); }
static inline void cmp_flush_stdout(void) { fflush(stdout); }

/* ---- process arguments: Embedded Swift has no CommandLine (captured in cmpath.c) ---- */
int cmp_get_argc(void);
const char *cmp_get_argv(int index);

/* ---- POSIX regex, the engine multipath-tools uses (REG_EXTENDED|REG_NOSUB) ---- */
static inline regex_t *cmp_regex_new(void) { return (regex_t *)calloc(1, sizeof(regex_t)); }
static inline int cmp_regcomp_ere(regex_t *re, const char *pattern) { return regcomp(re, pattern, REG_EXTENDED | REG_NOSUB); }
static inline void cmp_regex_free(regex_t *re) { if (re) { regfree(re); free(re); } }

/* ---- libdevmapper ---- */
/* struct dm_names ends in a flexible array member, which Swift does not import. */
static inline const char *cmp_dm_names_name(const struct dm_names *n) { return n->name; }
/* struct dm_versions (DM_LIST_VERSIONS) likewise. */
static inline const char *cmp_dm_versions_name(const struct dm_versions *v) { return v->name; }
/* libdm's log callback is variadic, so it cannot be written in Swift: it lands here and is
 * forwarded, formatted, to a Swift-provided sink (or stderr when none is set). */
typedef void (*cmp_dm_log_sink)(int level, const char *message);
void cmp_dm_log_install(int max_level, cmp_dm_log_sink sink);
/* dm_task_set_uuid/name etc. are plain functions; DM_DEVICE_* are an enum and import as is. */

#endif
