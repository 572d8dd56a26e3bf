import Autodiff
import Metrics
import ToyData

/// The index of the nearest mode mean to each row of `points` (`[N, d]`), lowest index on ties.
public func nearestModes(_ points: Tensor, modes: [Mode]) -> [Int] {
    precondition(!modes.isEmpty, "nearestModes: needs at least one mode")
    let d = modes[0].mean.count
    precondition(points.rank == 2 && points.shape[1] == d, "nearestModes: points of shape \(points.shape) for \(d)-D modes")
    let x = points.scalars
    return (0..<points.shape[0]).map { i in
        var best = Double.infinity, bestMode = 0
        for (k, mode) in modes.enumerated() {
            var squared = 0.0
            for j in 0..<d { let t = x[i * d + j] - mode.mean[j]; squared += t * t }
            if squared < best { best = squared; bestMode = k }
        }
        return bestMode
    }
}

/// How well a conditional generator obeys its label: for each label `k`, the share of the samples
/// generated with label `k` whose nearest mode is mode `k`.
///
/// ```
/// accuracy_k = #{ i : label_i = k and nearest(x_i) = k } / #{ i : label_i = k }
/// ```
///
/// Chance level, for a generator that ignores its label and spreads evenly, is `1 / K`.
public struct LabelAccuracy: Codable, Sendable, Hashable {
    /// `accuracy_k` for each label.
    public var perLabel: [Double]
    /// The mean over labels.
    public var mean: Double
    /// The smallest over labels (the label the model obeys worst).
    public var worst: Double
    /// `confusion[k][m]`: samples asked for label `k` whose nearest mode is `m` (where the
    /// disobeyed labels went).
    public var confusion: [[Int]]

    /// - Parameters:
    ///   - labels: the label each sample was generated for, in `0..<classes`.
    ///   - nearest: each sample's nearest mode, in `0..<classes`.
    public init(labels: [Int], nearest: [Int], classes: Int) {
        precondition(labels.count == nearest.count, "LabelAccuracy: \(labels.count) labels for \(nearest.count) samples")
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (y, m) in zip(labels, nearest) { confusion[y][m] += 1 }
        self.confusion = confusion
        perLabel = (0..<classes).map { k in
            let total = confusion[k].reduce(0, +)
            return total == 0 ? 0 : Double(confusion[k][k]) / Double(total)
        }
        mean = perLabel.reduce(0, +) / Double(classes)
        worst = perLabel.min() ?? 0
    }

    enum CodingKeys: String, CodingKey { case perLabel = "per_label", mean, worst, confusion }
}

/// How well an unsupervised code matches the modes, up to relabelling: the best one-to-one
/// matching of codes to modes, by the Hungarian method on the contingency table.
///
/// ```
/// n[c][k]    = #{ samples generated with code c whose nearest mode is k }
/// agreement  = max over one-to-one maps sigma: codes -> modes of  sum_c n[c][sigma(c)] / N
/// ```
///
/// A code that has discovered the modes scores 1 whatever order it found them in; one that ignores
/// the modes scores about `1 / K` (plus the chance best of the matching).
public struct CodeAgreement: Codable, Sendable, Hashable {
    /// The contingency table `n[c][k]`.
    public var counts: [[Int]]
    /// The mode matched to each code.
    public var modeForCode: [Int]
    /// The matched share of all samples, in [0, 1].
    public var agreement: Double

    public init(codes: [Int], nearest: [Int], codeCount: Int, modeCount: Int) {
        precondition(codes.count == nearest.count && !codes.isEmpty, "CodeAgreement: needs one code per sample and at least one sample")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: modeCount), count: codeCount)
        for (c, k) in zip(codes, nearest) { counts[c][k] += 1 }
        // Square the table with empty rows or columns, then maximise the matched count.
        let n = Swift.max(codeCount, modeCount)
        var costs = Tensor.zeros([n, n])
        for c in 0..<codeCount { for k in 0..<modeCount { costs.scalars[c * n + k] = -Double(counts[c][k]) } }
        let matching = optimalAssignment(costs: costs)
        self.counts = counts
        modeForCode = (0..<codeCount).map { matching.columnForRow[$0] }
        agreement = -matching.cost / Double(codes.count)
    }

    enum CodingKeys: String, CodingKey { case counts, modeForCode = "mode_for_code", agreement }
}
