import Metrics

extension SeedComparison {
    /// The four cells every seed-comparison table prints after its label: each arm as
    /// `mean ± SE`, the difference `b - a` with its sign, and the permutation p-value (marked
    /// `(MC)` when it was estimated from random relabellings rather than enumerated).
    ///
    /// - Parameters:
    ///   - scale: multiplies means, errors and the difference (100 for a share shown in %).
    ///   - digits: decimals of those numbers.
    ///   - pDigits: decimals of the p-value.
    func cells(scale: Double = 1, digits: Int, pDigits: Int = 3) -> [String] {
        func armCell(_ s: SeedSummary) -> String {
            String(format: "%.\(digits)f ± %.\(digits)f", s.mean * scale, s.standardError * scale)
        }
        return [armCell(a), armCell(b), String(format: "%+.\(digits)f", difference * scale),
                String(format: "%.\(pDigits)f", pValue) + (exact ? "" : " (MC)")]
    }
}
