// StableOrder: the program's one sort gives what the standard library's stable sort gives.
import Testing
@testable import MultipathCore

@Test func stableOrderMatchesTheStandardLibrarysStableSort() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(state >> 33)
    }
    for count in [0, 1, 2, 3, 7, 8, 9, 64, 1000] {
        // (key, original position): few distinct keys, so ties are everywhere.
        let items = (0..<count).map { (key: next() % 5, position: $0) }
        let ours = StableOrder.sorted(items) { $0.key < $1.key }
        let library = items.enumerated().sorted {
            $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset
        }.map { $0.element }
        #expect(ours.map { $0.position } == library.map { $0.position }, "count \(count)")
    }
    #expect(StableOrder.sorted(["sdb", "sda", "sdaa", "sdc"]) == ["sda", "sdaa", "sdb", "sdc"])
    #expect(StableOrder.sorted(["sdb", "sda", "sdaa", "sdc"], by: TextScan.kernelNameLess) == ["sda", "sdb", "sdc", "sdaa"])
}
