/* InertNormalization: the shipped binary's Unicode normalization data, which says that no
 * scalar has a canonical decomposition, a composition or a combining class.
 *
 * The Embedded Swift standard library asks four symbols of libswiftUnicodeDataTables.a's
 * UnicodeNormalization.cpp for it (swift/stdlib/public/SwiftShims/swift/shims/UnicodeData.h):
 *   _swift_stdlib_getNormData(scalar)           bits 0-2 quick checks, 3-10 combining class
 *   _swift_stdlib_getDecompositionEntry(scalar) low 21 bits: the scalar the entry is for
 *   _swift_stdlib_nfd_decompositions            the decompositions the entries index
 *   _swift_stdlib_getComposition(x, y)          UINT32_MAX: x and y do not compose
 * Defined here, they keep those 31 KB of tables (21 KB under gzip -9, half the initramfs
 * budget's margin) out of the link; the Makefile fails the build if the tables come back.
 *
 * What changes: String ==, < and hashing in the shipped binary compare Unicode scalars, as
 * multipath-tools compares bytes with strcmp; the normal Swift build (`swift test`) compares
 * canonically equivalent strings (NFC against NFD) as equal. Hangul syllables are still
 * decomposed and composed by the standard library's own arithmetic. Everything mpathboot
 * compares (sysfs attributes, device and map names, WWIDs, multipath.conf, the bindings and
 * wwids files) is ASCII or, when an admin writes otherwise, one encoding per name.
 *
 * Only in the static musl build (`make`): under glibc (`swift build`, `swift test`) the file
 * is empty and the toolchain's own tables are used. */
#ifndef INERT_NORMALIZATION_H
#define INERT_NORMALIZATION_H
#endif
