import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The mean of repeated measurements and its standard error, as a results table reports them.
///
/// ```
/// mean            = (1/n) sum x_i
/// standard error  = s / sqrt(n),   s^2 = (1/(n - 1)) sum (x_i - mean)^2
/// ```
///
/// With one measurement the standard error is undefined (`nil`); with none, the mean is too.
public struct MeanAndError: Codable, Sendable, Hashable {
    public var mean: Double?
    public var standardError: Double?
    public var count: Int

    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else { mean = nil; standardError = nil; return }
        let m = values.reduce(0, +) / Double(values.count)
        mean = m
        guard values.count > 1 else { standardError = nil; return }
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
        standardError = (variance / Double(values.count)).squareRoot()
    }

    enum CodingKeys: String, CodingKey { case mean, standardError = "standard_error", count }

    // Absent values are written as explicit nulls, so every record has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mean, forKey: .mean)
        try c.encode(standardError, forKey: .standardError)
        try c.encode(count, forKey: .count)
    }
}

/// Seconds elapsed since `start` on `clock`.
func seconds(since start: ContinuousClock.Instant, on clock: ContinuousClock = ContinuousClock()) -> Double {
    let d = start.duration(to: clock.now)
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// CPU seconds used so far by the calling thread: unlike wall time, it does not grow when other
/// processes or threads compete for the cores, so it measures what a run costs.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
