/* InertNormalization: see include/InertNormalization.h for what it is and why. */
#include "InertNormalization.h"

#include <stdint.h>

#if defined(__GLIBC__)
/* The normal build keeps the toolchain's tables; ISO C wants one declaration. */
typedef int inert_normalization_unused;
#else

/* The standard library declares these with the Swift calling convention (SWIFT_CC). */
#define SWIFT_CC __attribute__((swiftcall))

/* 0: combining class 0, NFC quick check Yes, NFD quick check Yes. */
SWIFT_CC uint16_t _swift_stdlib_getNormData(uint32_t scalar) {
    (void)scalar;
    return 0;
}

/* Never dereferenced (no scalar needs decomposing); one zero byte, a decomposition of
 * length 0, should a future library read it anyway. */
static const uint8_t no_decompositions[1] = {0};
const uint8_t *const _swift_stdlib_nfd_decompositions = no_decompositions;

/* The library asks only for scalars of NFD quick check No and >= U+00C0, and compares the
 * entry's low 21 bits with the scalar: 0 names U+0000, so the answer is "no decomposition". */
SWIFT_CC uint32_t _swift_stdlib_getDecompositionEntry(uint32_t scalar) {
    (void)scalar;
    return 0;
}

SWIFT_CC uint32_t _swift_stdlib_getComposition(uint32_t x, uint32_t y) {
    (void)x;
    (void)y;
    return UINT32_MAX;
}

#endif
