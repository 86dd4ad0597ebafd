/*
 * runstat: run a command and report its wall time and peak RSS, for the benchmark guest.
 *
 *   runstat OUT COMMAND [ARG...]
 *
 * Forks, execs COMMAND (PATH search), waits with wait4() and appends one line to OUT:
 *   "<wall seconds> <peak RSS KiB> <exit status>"
 * The wall time is CLOCK_MONOTONIC from just before fork() to just after wait4() returns;
 * the peak RSS is the child's ru_maxrss (the kernel's hiwater_rss: VmHWM at exit). Exit
 * status 128+N for a child killed by signal N. runstat itself exits with the child's status.
 * Built static against musl, so the guest needs no libc and runstat's own start-up is a
 * few system calls.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(const struct timespec *t)
{
    return (double)t->tv_sec + (double)t->tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    struct timespec start, end;
    struct rusage usage;
    int status = 0, code;
    pid_t pid;
    FILE *out;

    if (argc < 3) {
        fprintf(stderr, "usage: runstat OUT COMMAND [ARG...]\n");
        return 64;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "runstat: fork: %s\n", strerror(errno));
        return 71;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "runstat: cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "runstat: wait4: %s\n", strerror(errno));
            return 71;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    out = fopen(argv[1], "a");
    if (!out) {
        fprintf(stderr, "runstat: cannot open %s: %s\n", argv[1], strerror(errno));
        return 73;
    }
    fprintf(out, "%.6f %ld %d\n", seconds(&end) - seconds(&start), usage.ru_maxrss, code);
    fclose(out);
    return code;
}
