/// How far a long computation has got: what it is doing, and `done` of `total` units of it.
///
/// Library code never prints; an experiment or a training run that takes more than a moment
/// accepts a ``ProgressHandler`` and calls it as it goes. The command line turns the calls into a
/// line on standard error that rewrites itself (with an ETA), at most a few times a second; tests
/// and scripts pass nothing and pay nothing.
///
/// ```
/// progress(Progress("seed 2 of 5", done: 1_400, total: 10_000))
/// ```
public struct Progress: Sendable, Equatable {
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

/// Receives ``Progress`` from a computation. It may be called from several threads at once (seeds
/// run in parallel), and must be cheap: a handler that shows progress keeps only the latest value.
public typealias ProgressHandler = @Sendable (Progress) -> Void

/// A handler that ignores every report: the default wherever progress is optional.
public let ignoreProgress: ProgressHandler = { _ in }
