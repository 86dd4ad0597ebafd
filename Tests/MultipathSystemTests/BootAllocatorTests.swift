// BootAllocator: the shipped binary's malloc, exercised here through its boot_allocator_*
// entry points (the normal build keeps glibc's malloc; the same C code serves the static
// musl build). Serialized: the allocator is single-threaded by design.
import BootAllocator
import Testing

@Suite("BootAllocator (the static binary's malloc)", .serialized)
struct BootAllocatorTests {
    @Test("size classes: 16-byte steps to 256, then four per power of two to 64 KiB")
    func classes() {
        #expect(boot_allocator_class_of(0) == 0)
        #expect(boot_allocator_class_of(1) == 0)
        #expect(boot_allocator_class_of(16) == 0)
        #expect(boot_allocator_class_of(17) == 1)
        #expect(boot_allocator_class_of(256) == 15)
        #expect(boot_allocator_class_of(257) == 16)
        #expect(boot_allocator_class_size(16) == 320)
        #expect(boot_allocator_class_of(320) == 16)
        #expect(boot_allocator_class_of(321) == 17)
        #expect(boot_allocator_class_size(19) == 512)
        #expect(boot_allocator_class_size(20) == 640)
        #expect(boot_allocator_class_of(64 * 1024) == 47)
        #expect(boot_allocator_class_size(47) == 64 * 1024)
        #expect(boot_allocator_class_of(64 * 1024 + 1) == -1)
        // Every request fits its class, and the class below is too small for it.
        for size in 1...(300 * 1024) where size < 4096 || size % 97 == 0 {
            let sizeClass = boot_allocator_class_of(size)
            guard sizeClass >= 0 else { continue }
            #expect(boot_allocator_class_size(sizeClass) >= size)
            if sizeClass > 0 { #expect(boot_allocator_class_size(sizeClass - 1) < size) }
        }
    }

    @Test("blocks are 16-byte aligned, keep their bytes, and a freed block is reused")
    func reuse() throws {
        var blocks: [(UnsafeMutableRawPointer, Int)] = []
        for size in [1, 15, 16, 17, 100, 256, 257, 1000, 5000, 65_536, 65_537, 262_145, 1_000_000] {
            let block = try #require(boot_allocator_malloc(size))
            #expect(UInt(bitPattern: block) % 16 == 0)
            #expect(boot_allocator_usable_size(block) >= size)
            block.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: size), count: size)
            blocks.append((block, size))
        }
        for (block, size) in blocks {
            let bytes = UnsafeRawBufferPointer(start: block, count: size)
            #expect(bytes.allSatisfy { $0 == UInt8(truncatingIfNeeded: size) })
        }
        let freed = blocks[4].0
        boot_allocator_free(freed)
        // The same class hands the block just freed out again (LIFO free list).
        #expect(boot_allocator_malloc(blocks[4].1) == freed)
        for (block, _) in blocks { boot_allocator_free(block) }
        boot_allocator_free(nil)
    }

    @Test("calloc zeroes a reused block; realloc keeps the bytes and grows in place when it fits")
    func callocAndRealloc() throws {
        let dirty = try #require(boot_allocator_malloc(200))
        dirty.initializeMemory(as: UInt8.self, repeating: 0xAB, count: 200)
        boot_allocator_free(dirty)
        let zeroed = try #require(boot_allocator_calloc(25, 8))
        #expect(zeroed == dirty)
        #expect(UnsafeRawBufferPointer(start: zeroed, count: 200).allSatisfy { $0 == 0 })
        #expect(boot_allocator_calloc(Int.max / 2, 4) == nil)

        let text = Array("mpathboot".utf8)
        let small = try #require(boot_allocator_malloc(10))
        small.copyMemory(from: text, byteCount: text.count)
        #expect(boot_allocator_realloc(small, 16) == small)        // still its 16-byte class
        let grown = try #require(boot_allocator_realloc(small, 4000))
        #expect(Array(UnsafeRawBufferPointer(start: grown, count: text.count)) == text)
        let huge = try #require(boot_allocator_realloc(grown, 600_000))
        #expect(Array(UnsafeRawBufferPointer(start: huge, count: text.count)) == text)
        boot_allocator_free(huge)
        boot_allocator_free(zeroed)
    }

    @Test("posix_memalign: page and larger alignments, and the alignments it must refuse")
    func alignment() throws {
        for alignment in [8, 16, 32, 64, 4096, 8192, 65536] {
            var block: UnsafeMutableRawPointer?
            #expect(boot_allocator_posix_memalign(&block, alignment, 4096) == 0)
            let aligned = try #require(block)
            #expect(UInt(bitPattern: aligned) % UInt(alignment) == 0)
            #expect(boot_allocator_usable_size(aligned) >= 4096)
            aligned.initializeMemory(as: UInt8.self, repeating: 7, count: 4096)
            boot_allocator_free(aligned)
        }
        // Page-aligned buffers inside class blocks: freed through their own header, the
        // block they sit in goes back to its class and is handed out again.
        var first: UnsafeMutableRawPointer?
        #expect(boot_allocator_posix_memalign(&first, 4096, 512) == 0)
        let buffer = try #require(first)
        #expect(UInt(bitPattern: buffer) % 4096 == 0)
        #expect(boot_allocator_usable_size(buffer) >= 512)
        boot_allocator_free(buffer)
        var second: UnsafeMutableRawPointer?
        #expect(boot_allocator_posix_memalign(&second, 4096, 512) == 0)
        #expect(second != nil && UInt(bitPattern: second!) % 4096 == 0)
        let plain = try #require(boot_allocator_malloc(512 + 4096 - 16))   // that class again
        boot_allocator_free(second)
        boot_allocator_free(plain)
        var block: UnsafeMutableRawPointer?
        #expect(boot_allocator_posix_memalign(&block, 24, 64) == 22)   // EINVAL: not a power of two
        #expect(boot_allocator_posix_memalign(&block, 4, 64) == 22)    // EINVAL: below sizeof(void *)
    }

    @Test("many live blocks across chunk boundaries stay intact")
    func manyBlocks() throws {
        // About 6 MiB in blocks of every class: several 1 MiB chunks, their leftovers shelved.
        var blocks: [(UnsafeMutableRawPointer, UInt8, Int)] = []
        var size = 1
        for index in 0..<3000 {
            size = (size * 7 + 13) % 6000 + 1
            let block = try #require(boot_allocator_malloc(size))
            let mark = UInt8(truncatingIfNeeded: index)
            block.initializeMemory(as: UInt8.self, repeating: mark, count: size)
            blocks.append((block, mark, size))
            if index % 3 == 0, let (old, _, _) = blocks.first(where: { _ in true }) {
                boot_allocator_free(old)
                blocks.removeFirst()
            }
        }
        for (block, mark, size) in blocks {
            #expect(UnsafeRawBufferPointer(start: block, count: size).allSatisfy { $0 == mark })
            boot_allocator_free(block)
        }
    }
}
