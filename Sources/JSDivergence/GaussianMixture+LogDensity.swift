import Foundation
import ToyData

extension GaussianMixture {
    /// The log-density, computed as a log-sum-exp over the components so that it stays finite
    /// where the density itself underflows to 0:
    ///
    /// ```
    /// log p(x) = logsumexp_k [ log w_k - d/2 log(2 pi sigma_k^2) - ||x - mu_k||^2 / (2 sigma_k^2) ]
    /// ```
    ///
    /// Far from every mean `p(x)` is 0 in `Double` (below 1e-308) while `log p(x)` is an ordinary
    /// number; the divergences and the optimal discriminator are computed from it, so that
    /// `log(p / q)` is a difference of finite numbers and never `0 / 0`.
    ///
    /// Properties the tests check: `exp(logPdf(x)) == pdf(x)` where `pdf` does not underflow;
    /// finite (and equal to the closed form of the nearest component) where it does.
    public func logPdf(_ point: [Double]) -> Double {
        precondition(point.count == dimension,
                     "GaussianMixture.logPdf: point of length \(point.count) for a \(dimension)-D mixture")
        return logPdf(rows: point).first!
    }

    /// `logPdf` at each row of the row-major `[n, dimension]` array `rows` (no per-point arrays).
    public func logPdf(rows: [Double]) -> [Double] {
        let d = dimension
        precondition(rows.count % d == 0, "GaussianMixture.logPdf(rows:): \(rows.count) numbers are not rows of \(d)")
        // Per component: the constant log w_k - d/2 log(2 pi sigma_k^2) and the precision 1/(2 sigma_k^2).
        let components = means.indices.filter { weights[$0] > 0 }
        let constants = components.map { k in
            Foundation.log(weights[k]) - Double(d) / 2 * Foundation.log(2 * Double.pi * stds[k] * stds[k])
        }
        let precisions = components.map { 1 / (2 * stds[$0] * stds[$0]) }
        let flatMeans = components.flatMap { means[$0] }
        var terms = [Double](repeating: 0, count: components.count)
        var result = [Double](repeating: 0, count: rows.count / d)
        for i in result.indices {
            var largest = -Double.infinity
            for c in components.indices {
                var squaredDistance = 0.0
                for j in 0..<d {
                    let t = rows[i * d + j] - flatMeans[c * d + j]
                    squaredDistance += t * t
                }
                terms[c] = constants[c] - squaredDistance * precisions[c]
                largest = Swift.max(largest, terms[c])
            }
            // log sum exp(t_c) = m + log sum exp(t_c - m), with m the largest term.
            var sum = 0.0
            for c in components.indices { sum += Foundation.exp(terms[c] - largest) }
            result[i] = largest + Foundation.log(sum)
        }
        return result
    }
}

/// `log(e^a + e^b)` without overflow or underflow.
func logAddExp(_ a: Double, _ b: Double) -> Double {
    let m = Swift.max(a, b)
    if m == -.infinity { return -.infinity }
    return m + Foundation.log1p(Foundation.exp(-Swift.abs(a - b)))
}
