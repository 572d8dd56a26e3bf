/// A closed interval `[lower, upper]` of data values shown along one axis, and the mapping from a
/// value to a cell (terminal) or a position (SVG).
///
/// Every figure uses the same *binning* convention: an axis of `n` cells cuts the range into `n`
/// equal bins, and a value falls in the bin that contains it, the upper end belonging to the last:
///
/// ```
/// fraction(v) = (v - lower) / (upper - lower)                 in [0, 1] for v in the range
/// bin(v, n)   = min(floor(fraction(v) * n), n - 1)            column, counted from the left
/// row(y, n)   = min(floor((upper - y) / (upper - lower) * n), n - 1)   row, counted from the top
/// ```
///
/// so `lower` maps to cell 0, `upper` to cell `n - 1`, and the cells tile the range exactly (the
/// heat map samples at their centres). A zero-width range cannot be drawn, so figures widen it
/// first with `padded()`.
///
/// Mathematical properties the tests check: corners of the data rectangle land in the corner cells;
/// a value at the centre of bin `k` lands in bin `k`; the mapping never traps, even when
/// `upper - lower` overflows to infinity.
public struct AxisRange: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    /// A range with finite bounds, `lower <= upper`.
    public init(_ lower: Double, _ upper: Double) {
        precondition(lower.isFinite && upper.isFinite && lower <= upper,
                     "AxisRange(_:_:): needs finite bounds with lower <= upper, got [\(lower), \(upper)]")
        self.lower = lower
        self.upper = upper
    }

    /// `upper - lower`; may be `+infinity` for a range spanning nearly all of `Double`.
    public var span: Double { upper - lower }

    /// `(lower + upper) / 2`, computed without overflow.
    public var middle: Double { lower / 2 + upper / 2 }

    /// The smallest range holding every finite value, or `nil` when there is none.
    public static func enclosing(_ values: some Sequence<Double>) -> AxisRange? {
        var low = Double.infinity, high = -Double.infinity
        for v in values where v.isFinite {
            low = min(low, v)
            high = max(high, v)
        }
        return low <= high ? AxisRange(low, high) : nil
    }

    /// This range if it has positive width; otherwise widened about its value `v` to
    /// `[v - pad, v + pad]` with `pad = |v| / 10`, or `pad = 1` when `v = 0`.
    ///
    /// So one point, or many identical points, is drawn in the middle of the frame.
    public func padded() -> AxisRange {
        guard lower == upper else { return self }
        let pad = lower == 0 ? 1 : abs(lower) / 10
        return AxisRange(lower - pad, upper + pad)
    }

    /// `lower <= value <= upper` (false for NaN).
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// `(value - lower) / (upper - lower)`: 0 at `lower`, 1 at `upper`.
    ///
    /// When the span overflows (bounds near `±Double.greatestFiniteMagnitude`) every term is divided
    /// by `max(|lower|, |upper|)` first, so the result stays finite for finite input.
    public func fraction(of value: Double) -> Double {
        let span = self.span
        if span.isFinite { return span > 0 ? (value - lower) / span : 0.5 }
        let scale = max(abs(lower), abs(upper))
        return (value / scale - lower / scale) / (upper / scale - lower / scale)
    }

    /// `(upper - value) / (upper - lower)`: 0 at `upper`, 1 at `lower`; rows count from the top.
    public func fractionFromTop(of value: Double) -> Double {
        let span = self.span
        if span.isFinite { return span > 0 ? (upper - value) / span : 0.5 }
        let scale = max(abs(lower), abs(upper))
        return (upper / scale - value / scale) / (upper / scale - lower / scale)
    }

    /// `min(floor(fraction * count), count - 1)` clamped below at 0: the cell holding a fraction.
    ///
    /// Non-finite fractions (only possible for non-finite input) map to `nil` rather than trapping.
    static func cell(ofFraction fraction: Double, count: Int) -> Int? {
        guard fraction.isFinite else { return nil }
        let scaled = (fraction * Double(count)).rounded(.down)
        return Int(min(max(scaled, 0), Double(count - 1)))
    }

    /// The column (from the left) of `value` on an axis of `count` cells, or `nil` outside the range.
    public func column(of value: Double, count: Int) -> Int? {
        guard contains(value) else { return nil }
        return Self.cell(ofFraction: fraction(of: value), count: count)
    }

    /// The row (from the top) of `value` on an axis of `count` cells, or `nil` outside the range.
    public func row(of value: Double, count: Int) -> Int? {
        guard contains(value) else { return nil }
        return Self.cell(ofFraction: fractionFromTop(of: value), count: count)
    }

    /// The same range widened about its middle to `span * factor` (factor >= 1).
    func widened(by factor: Double) -> AxisRange {
        let half = span.isFinite ? span / 2 * factor : (upper / 2 - lower / 2) * factor
        guard half.isFinite, (middle - half).isFinite, (middle + half).isFinite else { return self }
        return AxisRange(middle - half, middle + half)
    }

    /// Widens the narrower of two ranges so one data unit is as long on screen along x as along y.
    ///
    /// A cell is `cellAspect` times as tall as it is wide (about 2 in a terminal, 1 for SVG pixels).
    /// Equal aspect means the data units per unit of screen length agree:
    ///
    /// ```
    /// (x.span / width) = (y.span / height) / cellAspect
    /// ```
    ///
    /// The range that is too short for this is widened about its middle; the other is kept.
    public static func equalAspect(x: AxisRange, y: AxisRange, width: Double, height: Double,
                                   cellAspect: Double) -> (x: AxisRange, y: AxisRange) {
        let xPerLength = x.span / width                  // data units per unit of screen length
        let yPerLength = y.span / (height * cellAspect)
        guard xPerLength.isFinite, yPerLength.isFinite, xPerLength > 0, yPerLength > 0 else { return (x, y) }
        if xPerLength < yPerLength {
            return (x.widened(by: yPerLength / xPerLength), y)
        } else {
            return (x, y.widened(by: xPerLength / yPerLength))
        }
    }
}
