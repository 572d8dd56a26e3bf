import Foundation

/// Number formatting for labels and SVG coordinates: fixed rules, the C locale, so the same value
/// always gives the same characters on every machine (figures are compared byte for byte).
enum NumberText {
    /// `value` with exactly `decimals` digits after the point; `-0.00` is written `0.00`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return droppingNegativeZero(String(format: "%.\(decimals)f", value))
    }

    /// `value` in scientific notation with `digits` digits after the point, e.g. `1.50e+06`.
    static func scientific(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return droppingNegativeZero(String(format: "%.\(digits)e", value))
    }

    /// `value` to three significant digits in the shorter of fixed and scientific form (`%.3g`):
    /// `100`, `0.001`, `1e-05`. Used on log axes, whose labels are powers of ten.
    static func significant(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return droppingNegativeZero(String(format: "%.3g", value))
    }

    /// A label for `value` on an axis spanning `range`, precise to about `resolution`.
    ///
    /// Fixed notation with `clamp(ceil(-log10(resolution)), 0, 8)` decimals, so labels one
    /// resolution step apart differ. Axes whose largest magnitude `m` is at least 1e6 or below 1e-3
    /// use scientific notation instead, with `clamp(ceil(floor(log10(m)) - log10(resolution)), 1, 8)`
    /// digits after the point, for the same reason.
    static func label(_ value: Double, range: AxisRange, resolution: Double) -> String {
        let magnitude = max(abs(range.lower), abs(range.upper))
        let usable = resolution > 0 && resolution.isFinite
        if magnitude >= 1e6 || (magnitude > 0 && magnitude < 1e-3) {
            guard value != 0 else { return "0" }
            let wanted = usable ? (log10(magnitude).rounded(.down) - log10(resolution)).rounded(.up) : 2
            return scientific(value, digits: Int(min(max(wanted, 1), 8)))
        }
        let wanted = usable ? (-log10(resolution)).rounded(.up) : 2
        return fixed(value, decimals: Int(min(max(wanted, 0), 8)))
    }

    /// SVG coordinates: two decimals.
    static func svg(_ value: Double) -> String { fixed(value, decimals: 2) }

    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf")
    }

    private static func droppingNegativeZero(_ text: String) -> String {
        guard text.hasPrefix("-") else { return text }
        // "-0.00" or "-0.00e+00": a value that rounded to zero carries no sign worth showing.
        let digits = text.dropFirst().prefix { $0 != "e" }
        return digits.allSatisfy { $0 == "0" || $0 == "." } ? String(text.dropFirst()) : text
    }
}
