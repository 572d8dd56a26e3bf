/// What happened to the points of one series: drawn, or skipped and why. Figures report skipped
/// points in a note instead of hiding them, so a NaN in training output is visible in its plot.
public struct PointCounts: Sendable, Equatable {
    /// Points drawn.
    public var plotted = 0
    /// Points skipped because a coordinate was NaN or infinite.
    public var nonFinite = 0
    /// Finite points skipped because they fall outside axis ranges the caller fixed.
    public var outside = 0

    public init(plotted: Int = 0, nonFinite: Int = 0, outside: Int = 0) {
        self.plotted = plotted
        self.nonFinite = nonFinite
        self.outside = outside
    }

    /// `"name: skipped 2 non-finite, 5 outside the axes"`, or `nil` when nothing was skipped.
    func note(for name: String) -> String? {
        var parts: [String] = []
        if nonFinite > 0 { parts.append("\(nonFinite) non-finite") }
        if outside > 0 { parts.append("\(outside) outside the axes") }
        return parts.isEmpty ? nil : "\(name): skipped " + parts.joined(separator: ", ")
    }
}

/// `"1 value"`, `"3 values"`: a count with its noun in the right number.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)" + (count == 1 ? "" : "s")
}
