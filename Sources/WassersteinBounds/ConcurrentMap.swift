import Foundation

/// `(0..<count).map(body)` with the calls spread over the machine's cores.
///
/// Used for independent training runs: each call builds its own networks, optimizers and random
/// streams from its own seed, and results are stored by index, so the output is identical, bit for
/// bit, to the serial map; only the wall time changes. The first error thrown (by index) is rethrown.
func concurrentMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let results = ResultBox<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        let outcome = Result { try body(i) }
        results.set(i, outcome)
    }
    return try results.values().map { try $0.get() }
}

/// Slots written once each from concurrent iterations, under a lock.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<T, any Error>) { lock.withLock { slots[i] = value } }
    func values() -> [Result<T, any Error>] { lock.withLock { slots.map { $0! } } }
}
