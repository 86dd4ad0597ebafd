/*
 * BootAllocator: the shipped binary's malloc. mpathboot is one short-lived, single-threaded
 * process; musl's allocator (mallocng) hands a group of slots back to the kernel as soon as
 * the last slot in it is freed, and maps a fresh one on the next allocation. Under the
 * initramfs that cost mmap + page fault + page clearing + munmap + TLB flush for every
 * round trip: about 330 mmap/munmap calls for 8 paths and 1,100 for 128 (perf trace in the
 * benchmark guest, tests/bench/profile.sh), 20-30% of a dry run's time.
 *
 * This allocator never gives a block of up to 64 KiB back: such blocks come from 1 MiB
 * chunks and go to a free list per size class (16-byte steps up to 256 bytes, then four
 * classes per power of two up to 64 KiB). Larger requests (big arrays of paths or maps,
 * which are few) are mapped and unmapped one by one, so
 * the peak RSS stays near the live data. An alignment above 16 bytes (at most a page) is
 * served from inside a block of a big enough class. Every block carries a 16-byte header (its class or its
 * mapping); free() checks it and aborts on a pointer it did not hand out or a double free.
 *
 * In the shipped binary (musl) the file also defines malloc, free, calloc, realloc,
 * aligned_alloc, posix_memalign, memalign and malloc_usable_size (and musl's internal
 * __libc_* entry points), so musl's own allocator is never linked: the Makefile checks the
 * link map. In the normal build (glibc) only the boot_allocator_* functions exist, for the
 * tests. Not thread-safe: mpathboot never starts a thread (PathChecker's forked child has
 * its own copy of the state).
 */
#ifndef BOOT_ALLOCATOR_H
#define BOOT_ALLOCATOR_H

#include <stddef.h>

void *boot_allocator_malloc(size_t size);
void boot_allocator_free(void *pointer);
void *boot_allocator_calloc(size_t count, size_t size);
void *boot_allocator_realloc(void *pointer, size_t size);
/* 0, EINVAL (alignment not a power of two multiple of sizeof(void *)) or ENOMEM. */
int boot_allocator_posix_memalign(void **out, size_t alignment, size_t size);
size_t boot_allocator_usable_size(const void *pointer);

/* For tests: the size class a request of `size` bytes is served from (-1: mapped alone),
 * and that class's block size. */
int boot_allocator_class_of(size_t size);
size_t boot_allocator_class_size(int size_class);

#endif
