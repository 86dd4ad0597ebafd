// StableOrder: one stable sort for the whole program. The standard library's sort is
// specialised, in Embedded Swift, into a full copy of its merge sort for every call site's
// element type and closure: 3-5 KB of the binary each, for lists that are at most a few
// thousand paths long.

/// A stable merge sort over positions, compiled once.
public enum StableOrder {
    /// The positions `0..<count` in the order `less` (comparing two positions) gives; equal
    /// ones stay in position order, as the standard library's (stable) sort keeps them.
    // Not optimised, so that the optimiser does not clone it per caller's closure either.
    @_optimize(none)
    public static func positions(_ count: Int, by less: (Int, Int) -> Bool) -> [Int] {
        var order: [Int] = []
        var position = 0
        while position < count {
            order.append(position)
            position += 1
        }
        var merged = order
        var width = 1
        while width < count {
            var start = 0
            while start < count {
                let middle = min(start + width, count)
                let end = min(start + 2 * width, count)
                var left = start
                var right = middle
                var out = start
                while out < end {
                    // The right one goes first only when strictly less: stable.
                    if left < middle && (right >= end || !less(order[right], order[left])) {
                        merged[out] = order[left]
                        left += 1
                    } else {
                        merged[out] = order[right]
                        right += 1
                    }
                    out += 1
                }
                start = end
            }
            swap(&order, &merged)
            width *= 2
        }
        return order
    }

    /// `items` in the order `less` gives, equal ones in their original order.
    public static func sorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        positions(items.count) { less(items[$0], items[$1]) }.map { items[$0] }
    }

    /// Strings in `<` order (what `sorted()` gives).
    public static func sorted(_ items: [String]) -> [String] {
        sorted(items) { $0 < $1 }
    }
}
