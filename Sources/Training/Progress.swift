import Foundation
import Dispatch

/// How far a long computation has got: what it is doing, and `done` of `total` units of it.
///
/// Library code never prints; an experiment or a training run that takes more than a moment
/// accepts a ``ProgressHandler`` and calls it as it goes. The command line turns the calls into a
/// line on standard error that rewrites itself (with an ETA), at most a few times a second; tests
/// and scripts pass nothing and pay nothing.
///
/// ```
/// progress(ProgressReport("seed 2 of 5", done: 1_400, total: 10_000))
/// ```
public struct ProgressReport: Sendable, Equatable {
    /// What is being done, in a few words: `"gan, seed 2 of 5"`.
    public var stage: String
    /// Units finished, out of `total` (steps, seeds, points of a sweep); `done <= total`.
    public var done: Int
    public var total: Int

    public init(_ stage: String, done: Int, total: Int) {
        self.stage = stage
        self.done = done
        self.total = total
    }

    /// `done / total`, in [0, 1] (1 when there is nothing to do).
    public var fraction: Double { total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1 }
}

/// Receives ``ProgressReport`` from a computation. It may be called from several threads at once (seeds
/// run in parallel), and must be cheap: a handler that shows progress keeps only the latest value.
public typealias ProgressHandler = @Sendable (ProgressReport) -> Void

/// A handler that ignores every report: the default wherever progress is optional.
public let ignoreProgress: ProgressHandler = { _ in }

/// Counts finished units of work from any thread and passes the count on to a ``ProgressHandler``:
/// the way an experiment with many runs of many steps reports one overall fraction.
///
/// ```
/// let counter = ProgressCounter("3 objectives x 2 data sets", total: runs * steps, handler: progress)
/// // in each run, after each step:
/// counter.advance()
/// ```
public final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var done = 0
    private var stage: String
    private let total: Int
    private let handler: ProgressHandler

    public init(_ stage: String, total: Int, handler: @escaping ProgressHandler) {
        self.stage = stage
        self.total = max(total, 0)
        self.handler = handler
    }

    /// Adds `units` finished units, and names what is being done now if `stage` is given.
    public func advance(_ units: Int = 1, stage newStage: String? = nil) {
        let progress: ProgressReport = lock.withLock {
            done = min(total, done + units)
            if let newStage { stage = newStage }
            return ProgressReport(stage, done: done, total: total)
        }
        handler(progress)
    }
}

/// `(0..<count).map(body)` with the calls spread over up to `threads` threads (all cores when `nil`).
///
/// For independent runs: each call builds its own networks, optimizers and random streams from its
/// own seed and results are stored by index, so the output is identical, bit for bit, to the serial
/// map; only the wall time changes. The first error thrown (by index) is rethrown after every call
/// has finished.
public func parallelMap<T: Sendable>(_ count: Int, threads: Int? = nil,
                                     _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
    let slots = ResultSlots<T>(count: count)
    let next = IndexDispenser()
    let group = DispatchGroup()
    let workers = min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count)
    for _ in 0..<max(workers, 0) {
        group.enter()
        let thread = Thread {
            while let i = next.take(below: count) { slots.set(i, Result { try body(i) }) }
            group.leave()
        }
        thread.stackSize = 16 << 20      // as the main thread's: deep graphs are walked iteratively, but be generous
        thread.start()
    }
    group.wait()
    return try slots.values().map { try $0.get() }
}

/// Results written once per index from several threads, read once all are in.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<T, any Error>) { lock.withLock { slots[i] = value } }
    func values() -> [Result<T, any Error>] { lock.withLock { slots.map { $0! } } }
}

/// Hands out 0, 1, 2, ... once each, to whichever thread asks first.
private final class IndexDispenser: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
