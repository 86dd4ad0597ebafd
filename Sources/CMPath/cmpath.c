/* CMPath: the parts of the C shim that need a translation unit. */
#include "cmpath.h"
#include <stdarg.h>

/* Embedded Swift has no CommandLine; glibc passes (argc, argv, envp) to ELF constructors,
 * in static and dynamic executables alike. */
static int cmp_argc = 0;
static char **cmp_argv = 0;
__attribute__((constructor)) static void cmp_capture_args(int argc, char **argv, char **envp) {
    (void)envp;
    cmp_argc = argc;
    cmp_argv = argv;
}
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

/* libdm's dbg_malloc.o calls assert(). glibc's __assert_fail translates its message through
 * gettext, which drags locale files, iconv and the static dlopen machinery (~150 KB) into
 * a static binary. This replacement says the same thing untranslated and aborts. */
void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function) {
    char message[512];
    int n = snprintf(message, sizeof message, "mpathboot: %s:%u: %s: assertion '%s' failed\n",
                     file, line, function ? function : "?", assertion);
    if (n > 0)
        (void)!write(2, message, (size_t)n < sizeof message ? (size_t)n : sizeof message - 1);
    abort();
}
