/* BootAllocator: see include/BootAllocator.h for what it is and why. */
#include "BootAllocator.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum {
    HEADER = 16,                  /* keeps every payload 16-byte aligned */
    SMALL_STEP = 16,
    SMALL_CLASSES = 16,           /* 16, 32, ..., 256 */
    STEPS_PER_DOUBLING = 4,       /* 320, 384, 448, 512, 640, ... */
    LARGE_SHIFT = 16,
    LARGE_LIMIT = 1 << LARGE_SHIFT,  /* 64 KiB; above: mapped alone */
    CLASSES = SMALL_CLASSES + (LARGE_SHIFT - 8) * STEPS_PER_DOUBLING,
    CHUNK = 1024 * 1024,
    PAGE = 4096,
};

/* A block's header. For a block of a chunk: `word` is its class (< CLASSES) and `state`
 * LIVE or FREE; an aligned payload inside such a block (posix_memalign) has a header of
 * its own before it with `state` SHIFTED | its offset from the block's payload. For a block
 * mapped alone: `word` is the mapping's length (>= PAGE) and `state` the payload's offset
 * from the mapping's start. */
struct header {
    size_t word;
    size_t state;
};

static const size_t LIVE = 0x6c697665u; /* "live" */
static const size_t FREE = 0x66726565u; /* "free" */
static const size_t SHIFTED = (size_t)1 << 63;

static void *free_lists[CLASSES];  /* payloads; a free payload's first word is the next */
static char *bump;                 /* the unused rest of the current chunk */
static char *bump_end;

int boot_allocator_class_of(size_t size) {
    if (size <= SMALL_CLASSES * SMALL_STEP) return size == 0 ? 0 : (int)((size - 1) / SMALL_STEP);
    if (size > LARGE_LIMIT) return -1;
    /* size in (2^p, 2^(p+1)], p >= 8: four classes of 2^(p-2) each. */
    int p = 63 - __builtin_clzll((unsigned long long)(size - 1));
    int step = (int)((size - 1) >> (p - 2)) - STEPS_PER_DOUBLING;   /* 0...3 */
    return SMALL_CLASSES + (p - 8) * STEPS_PER_DOUBLING + step;
}

size_t boot_allocator_class_size(int size_class) {
    if (size_class < SMALL_CLASSES) return (size_t)(size_class + 1) * SMALL_STEP;
    int index = size_class - SMALL_CLASSES;
    int p = 8 + index / STEPS_PER_DOUBLING;
    return (size_t)(STEPS_PER_DOUBLING + index % STEPS_PER_DOUBLING + 1) << (p - 2);
}

static struct header *header_of(const void *payload) {
    return (struct header *)((char *)payload - HEADER);
}

static void *allocate_in_class(int c) {
    void *payload = free_lists[c];
    if (payload) {
        free_lists[c] = *(void **)payload;
        header_of(payload)->state = LIVE;
        return payload;
    }
    size_t block = HEADER + boot_allocator_class_size(c);
    if ((size_t)(bump_end - bump) < block) {
        void *chunk = mmap(0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (chunk == MAP_FAILED) {
            errno = ENOMEM;
            return 0;
        }
        /* The rest of the old chunk is left untouched: pages never written cost no RSS. */
        bump = chunk;
        bump_end = bump + CHUNK;
    }
    struct header *h = (struct header *)bump;
    h->word = (size_t)c;
    h->state = LIVE;
    bump += block;
    return (char *)h + HEADER;
}

/* A mapping of its own: for requests above LARGE_LIMIT and alignments above 16. */
static void *allocate_mapped(size_t size, size_t alignment) {
    size_t lead = alignment > HEADER ? alignment : HEADER;
    if (size > SIZE_MAX - lead - 2 * PAGE) {
        errno = ENOMEM;
        return 0;
    }
    size_t length = (lead + size + (alignment > PAGE ? alignment : 0) + PAGE - 1) & ~(size_t)(PAGE - 1);
    char *base = mmap(0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        errno = ENOMEM;
        return 0;
    }
    /* mmap is page aligned, so base + lead is aligned for any alignment up to a page. */
    char *payload = base + lead;
    if (alignment > PAGE) payload = (char *)(((uintptr_t)base + HEADER + alignment - 1) & ~(uintptr_t)(alignment - 1));
    struct header *h = header_of(payload);
    h->word = length;
    h->state = (size_t)(payload - base);
    return payload;
}

void *boot_allocator_malloc(size_t size) {
    int c = boot_allocator_class_of(size);
    return c < 0 ? allocate_mapped(size, HEADER) : allocate_in_class(c);
}

void boot_allocator_free(void *pointer) {
    if (!pointer) return;
    struct header *h = header_of(pointer);
    if (h->word < CLASSES && (h->state & SHIFTED)) {
        pointer = (char *)pointer - (h->state & ~SHIFTED);
        h = header_of(pointer);
    }
    if (h->word < CLASSES) {
        /* A double free or a foreign pointer would corrupt the free lists: stop at once. */
        if (h->state != LIVE) abort();
        h->state = FREE;
        *(void **)pointer = free_lists[h->word];
        free_lists[h->word] = pointer;
        return;
    }
    if (h->word < PAGE || h->state >= h->word) abort();
    munmap((char *)pointer - h->state, h->word);
}

size_t boot_allocator_usable_size(const void *pointer) {
    if (!pointer) return 0;
    const struct header *h = header_of(pointer);
    if (h->word < CLASSES && (h->state & SHIFTED))
        return boot_allocator_class_size((int)h->word) - (h->state & ~SHIFTED);
    if (h->word < CLASSES) return boot_allocator_class_size((int)h->word);
    return h->word - h->state;
}

void *boot_allocator_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return 0;
    }
    void *p = boot_allocator_malloc(count * size);
    /* A fresh chunk is zero already, but a reused block is not. */
    if (p) memset(p, 0, count * size);
    return p;
}

void *boot_allocator_realloc(void *pointer, size_t size) {
    if (!pointer) return boot_allocator_malloc(size);
    size_t usable = boot_allocator_usable_size(pointer);
    if (size <= usable) return pointer;
    void *moved = boot_allocator_malloc(size);
    if (!moved) return 0;
    memcpy(moved, pointer, usable);
    boot_allocator_free(pointer);
    return moved;
}

int boot_allocator_posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1))) return EINVAL;
    void *p;
    if (alignment <= HEADER) {
        p = boot_allocator_malloc(size);
    } else if (alignment <= PAGE && size <= LARGE_LIMIT - alignment) {
        /* From a block of a class big enough to hold an aligned payload anywhere in it
         * (O_DIRECT buffers for partition tables: one per read, no mapping each time). */
        int c = boot_allocator_class_of(size + alignment);
        char *block = allocate_in_class(c);
        if (!block) return ENOMEM;
        p = (void *)(((uintptr_t)block + alignment - 1) & ~(uintptr_t)(alignment - 1));
        if (p != block) {
            struct header *h = header_of(p);
            h->word = (size_t)c;
            h->state = SHIFTED | (size_t)((char *)p - block);
        }
    } else {
        p = allocate_mapped(size, alignment);
    }
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}

#if !defined(__GLIBC__)
/* The shipped binary: these replace musl's allocator (and its internal entry points, so
 * no musl code can ever bring its own allocator in beside this one). */
void *malloc(size_t size) { return boot_allocator_malloc(size); }
void free(void *pointer) { boot_allocator_free(pointer); }
void *calloc(size_t count, size_t size) { return boot_allocator_calloc(count, size); }
void *realloc(void *pointer, size_t size) { return boot_allocator_realloc(pointer, size); }
size_t malloc_usable_size(void *pointer) { return boot_allocator_usable_size(pointer); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    return boot_allocator_posix_memalign(out, alignment, size);
}
void *aligned_alloc(size_t alignment, size_t size) {
    void *p = 0;
    int status = boot_allocator_posix_memalign(&p, alignment < sizeof(void *) ? sizeof(void *) : alignment, size);
    if (status) errno = status;
    return p;
}
void *memalign(size_t alignment, size_t size) { return aligned_alloc(alignment, size); }
void *__libc_malloc(size_t size) { return boot_allocator_malloc(size); }
void *__libc_malloc_impl(size_t size) { return boot_allocator_malloc(size); }
void __libc_free(void *pointer) { boot_allocator_free(pointer); }
void *__libc_calloc(size_t count, size_t size) { return boot_allocator_calloc(count, size); }
void *__libc_realloc(void *pointer, size_t size) { return boot_allocator_realloc(pointer, size); }
#endif
