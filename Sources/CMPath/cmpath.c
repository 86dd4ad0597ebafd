/* CMPath: the parts of the C shim that need a translation unit. */
#define _GNU_SOURCE
#include "cmpath.h"
#include <stdarg.h>

/* Embedded Swift has no CommandLine, so argv is captured here. */
static int cmp_argc = 0;
static char **cmp_argv = 0;
#if defined(__GLIBC__)
/* glibc (the normal `swift build`) passes (argc, argv, envp) to ELF constructors. */
__attribute__((constructor)) static void cmp_capture_args(int argc, char **argv, char **envp) {
    (void)envp;
    cmp_argc = argc;
    cmp_argv = argv;
}
#else
/* musl (the shipped static binary) calls constructors without arguments; its crt1 hands
 * argc/argv to __libc_start_main, which the Makefile wraps (-Wl,--wrap=__libc_start_main). */
int __real___libc_start_main(int (*main)(int, char **, char **), int argc, char **argv,
                             void (*init)(void), void (*fini)(void), void (*ldso)(void));
int __wrap___libc_start_main(int (*main)(int, char **, char **), int argc, char **argv,
                             void (*init)(void), void (*fini)(void), void (*ldso)(void)) {
    cmp_argc = argc;
    cmp_argv = argv;
    return __real___libc_start_main(main, argc, argv, init, fini, ldso);
}

/* The Embedded Swift runtime seeds hashing with arc4random_buf, which musl 1.2.3 lacks. */
#include <sys/random.h>
void arc4random_buf(void *buffer, size_t length) {
    unsigned char *p = buffer;
    while (length > 0) {
        ssize_t got = getrandom(p, length, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            abort();
        }
        p += got;
        length -= (size_t)got;
    }
}
#endif
int cmp_get_argc(void) { return cmp_argc; }
const char *cmp_get_argv(int index) {
    return (index >= 0 && index < cmp_argc) ? cmp_argv[index] : 0;
}

static int cmp_log_max_level = 3;
static cmp_dm_log_sink cmp_log_sink = 0;

static void cmp_dm_log(int level, const char *file, int line, int dm_errno_or_class,
                       const char *format, ...) {
    (void)file; (void)line; (void)dm_errno_or_class;
    level &= 7;   /* libdm ORs flags such as _LOG_STDERR into the level */
    if (level > cmp_log_max_level)
        return;
    char message[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    if (cmp_log_sink)
        cmp_log_sink(level, message);
    else
        fprintf(stderr, "libdm[%d]: %s\n", level, message);
}

void cmp_dm_log_install(int max_level, cmp_dm_log_sink sink) {
    cmp_log_max_level = max_level;
    cmp_log_sink = sink;
    dm_log_with_errno_init(cmp_dm_log);
}

int cmp_O_DIRECT(void) { return O_DIRECT; }
