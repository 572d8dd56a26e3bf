import Foundation

/// A labelled position along an axis: `fraction` is 0 at the axis's lower end, 1 at its upper end.
struct AxisTick: Equatable {
    var fraction: Double
    var label: String
}

extension AxisRange {
    /// "Nice" tick values for an SVG axis: multiples of a step of 1, 2 or 5 times a power of ten,
    /// chosen so about `count` of them fall inside the range.
    ///
    /// ```
    /// raw   = span / count
    /// p     = 10^floor(log10(raw))
    /// step  = p * (1 if raw/p < 1.5, else 2 if raw/p < 3, else 5 if raw/p < 7, else 10)
    /// ticks = { k * step : k an integer, lower <= k * step <= upper }
    /// ```
    ///
    /// Ranges too wide or too narrow for this (an infinite span, or more than a million steps from
    /// zero to the range) get just their two ends.
    func niceTicks(count: Int = 5) -> [AxisTick] {
        let ends = [AxisTick(fraction: 0, label: NumberText.label(lower, range: self, resolution: span)),
                    AxisTick(fraction: 1, label: NumberText.label(upper, range: self, resolution: span))]
        let raw = span / Double(count)
        guard raw.isFinite, raw > 0 else { return ends }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalized = raw / magnitude
        let multiple: Double = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10
        let step = multiple * magnitude
        let first = (lower / step).rounded(.up), last = (upper / step).rounded(.down)
        guard step > 0, abs(first) < 1e6, abs(last) < 1e6, first <= last else { return ends }
        return stride(from: first, through: last, by: 1).map { k in
            let value = k * step == 0 ? 0 : k * step             // no "-0"
            return AxisTick(fraction: fraction(of: value), label: NumberText.label(value, range: self, resolution: step))
        }
    }

    /// Ticks for a range of base-10 logarithms: the integer powers of ten inside it (every
    /// `ceil(decades / 8)`-th one when there are many), labelled with the value itself (`0.001`,
    /// `1`, `1e+03`); just the two ends when fewer than two powers fall inside.
    func decadeTicks() -> [AxisTick] {
        let first = lower.rounded(.up), last = upper.rounded(.down)
        guard last - first >= 1, last - first < 10_000 else {
            return [AxisTick(fraction: 0, label: NumberText.significant(pow(10, lower))),
                    AxisTick(fraction: 1, label: NumberText.significant(pow(10, upper)))]
        }
        let every = max(1, ((last - first) / 8).rounded(.up))
        return stride(from: first, through: last, by: every).map { exponent in
            AxisTick(fraction: fraction(of: exponent), label: NumberText.significant(pow(10, exponent)))
        }
    }
}
