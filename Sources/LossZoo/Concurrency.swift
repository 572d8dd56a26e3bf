import Foundation
import Dispatch

/// Results written by index from several threads, read once all are in.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    // Guarded by `lock`; written once per index.
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores `value` at `index` and calls `then(value)` while holding the lock, so callbacks never overlap.
    func store(_ value: Value, at index: Int, then: (Value) -> Void) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
        then(value)
    }

    /// Adds 1 to the `Int` in slot 0 and calls `then` with the new count, holding the lock.
    func increment(then: (Int) -> Void) where Value == Int {
        lock.lock(); defer { lock.unlock() }
        let n = (slots[0] ?? 0) + 1
        slots[0] = n
        then(n)
    }

    /// Every value, in index order. Call only after all stores.
    var values: [Value] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// Runs `work(0..<count)` on up to `threads` threads and returns when all have finished. Each index
/// runs exactly once; which thread runs it does not affect the result of a deterministic `work`.
func runConcurrently(_ count: Int, threads: Int, _ work: @escaping @Sendable (Int) -> Void) {
    let next = Counter()
    let group = DispatchGroup()
    for _ in 0..<Swift.min(threads, count) {
        group.enter()
        let thread = Thread {
            while let i = next.take(below: count) { work(i) }
            group.leave()
        }
        thread.stackSize = 16 << 20      // as the main thread's: deep graphs are walked iteratively, but be generous
        thread.start()
    }
    group.wait()
}

/// A shared counter handing out 0, 1, 2, ... once each.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        defer { value += 1 }
        return value
    }
}
