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
        [a.cell(scale: scale, digits: digits), b.cell(scale: scale, digits: digits), String(format: "%+.\(digits)f", difference * scale),
                String(format: "%.\(pDigits)f", pValue) + (exact ? "" : " (MC)")]
    }
}

extension SeedSummary {
    /// `mean ± SE`, both times `scale` (100 for a share shown in %), with `digits` decimals.
    func cell(scale: Double = 1, digits: Int) -> String {
        String(format: "%.\(digits)f ± %.\(digits)f", mean * scale, standardError * scale)
    }
}
