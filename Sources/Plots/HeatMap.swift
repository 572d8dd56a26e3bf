/// A scalar field over a rectangle, such as the critic's value over the plane, with optional
/// points (generated samples) drawn on top.
///
/// Each grid sample is one character cell. Its value is placed on the colour scale and mapped to a
/// glyph of `glyphRamp` (dark to bright, `" .:-=+*#%@"` by default):
///
/// ```
/// t(v)     = clamp((v - scale.lower) / (scale.upper - scale.lower), 0, 1)
/// level(v) = min(floor(t(v) * n), n - 1)                    n = glyphRamp.count
/// ```
///
/// so the lowest value gets the first glyph and the highest the last. With colour on, a cell is a
/// space on the background colour `colorRamp.color(at: t)` instead, and overlay glyphs are drawn
/// in black or white, whichever stands out. NaN or infinite values show `missingGlyph` and are
/// counted in a note; so are overlay points that are not finite or fall outside the rectangle.
///
/// `layers` are further point sets drawn under `overlay` (the real samples under the generated
/// ones), each with its own glyph; `valueName` says what the colours stand for and titles the
/// colour bar ("critic value -1.2 [ramp] 3.4").
///
/// `scale` is `valueRange` when given (fix it across the frames of a film so colours compare;
/// values beyond it are drawn at its ends, and counted), else `[min, max]` of the finite values,
/// widened by `AxisRange.padded()` when the field is constant (it then shows the middle glyph).
public struct HeatMap: Figure {
    public var grid: ScalarGrid
    public var title: String
    public var xName: String
    public var yName: String
    /// Glyphs from lowest to highest value.
    public var glyphRamp: [Character]
    /// Colours from lowest to highest value (terminal with colour on, and SVG).
    public var colorRamp: ColorRamp
    public var valueRange: AxisRange?
    public var overlay: [PlotPoint]
    /// Point sets drawn before `overlay`, e.g. the real samples (see `PointLayer`).
    public var layers: [PointLayer] = []
    /// What the field's value is; the title of the colour bar.
    public var valueName = "value"
    public var overlayName: String
    public var overlayGlyph: Character
    public var missingGlyph: Character
    /// Curves drawn over the field, each a polyline in order (the generator's deformed noise grid).
    public var curves: [[PlotPoint]] = []
    public var curvesName = "curves"
    /// Glyph of the curves in the terminal; choose one outside the glyph ramp.
    public var curveGlyph: Character = "x"
    /// Arrows drawn over the field (the direction the generator's loss moves each sample).
    public var arrows: [Arrow] = []
    public var arrowsName = "arrows"

    /// Ten glyphs of increasing ink, from space to `@`.
    public static let defaultGlyphRamp = " .:-=+*#%@"

    /// - Parameters:
    ///   - grid: the sampled field; one character cell per sample.
    ///   - glyphRamp: at least two glyphs, lowest value first; choose an `overlayGlyph` outside it.
    ///   - valueRange: a fixed colour scale; `nil` fits the finite values.
    ///   - overlay: points to mark on top of the field, e.g. generated samples.
    public init(grid: ScalarGrid, title: String = "", xName: String = "", yName: String = "",
                glyphRamp: String = HeatMap.defaultGlyphRamp, colorRamp: ColorRamp = .viridis,
                valueRange: AxisRange? = nil, overlay: [PlotPoint] = [], overlayName: String = "samples",
                overlayGlyph: Character = "o", missingGlyph: Character = "?") {
        precondition(glyphRamp.count >= 2, "HeatMap(grid:): glyphRamp needs at least 2 glyphs, got \"\(glyphRamp)\"")
        self.grid = grid
        self.title = title
        self.xName = xName
        self.yName = yName
        self.glyphRamp = Array(glyphRamp)
        self.colorRamp = colorRamp
        self.valueRange = valueRange
        self.overlay = overlay
        self.overlayName = overlayName
        self.overlayGlyph = overlayGlyph
        self.missingGlyph = missingGlyph
    }

    /// The field `f(x, y)` sampled on a `columns` x `rows` grid over `xRange` x `yRange` (see
    /// `ScalarGrid` for where the samples are).
    public init(xRange: AxisRange, yRange: AxisRange, columns: Int = 64, rows: Int = 24, title: String = "",
                valueRange: AxisRange? = nil, overlay: [PlotPoint] = [], overlayName: String = "samples",
                field: (_ x: Double, _ y: Double) -> Double) {
        self.init(grid: ScalarGrid(xRange: xRange, yRange: yRange, columns: columns, rows: rows, sampling: field),
                  title: title, valueRange: valueRange, overlay: overlay, overlayName: overlayName)
    }

    /// The value range spread over the ramps (see the type's discussion).
    public var scale: AxisRange {
        (valueRange ?? AxisRange.enclosing(grid.values) ?? AxisRange(0, 1)).padded()
    }

    /// `t(v)` of the type's discussion: the position of `value` on the scale, clamped to [0, 1];
    /// `nil` for NaN or infinite values.
    public func scalePosition(of value: Double) -> Double? { Self.position(of: value, on: scale) }

    /// The glyph of `value`: `glyphRamp[level(value)]`, or `missingGlyph` for NaN or infinite values.
    public func glyph(for value: Double) -> Character { glyph(for: value, on: scale) }

    // The scale is a pass over every value, so loops compute it once and call these.
    static func position(of value: Double, on scale: AxisRange) -> Double? {
        guard value.isFinite else { return nil }
        return min(max(scale.fraction(of: value), 0), 1)
    }

    func glyph(for value: Double, on scale: AxisRange) -> Character {
        guard let t = Self.position(of: value, on: scale) else { return missingGlyph }
        return glyphRamp[AxisRange.cell(ofFraction: t, count: glyphRamp.count) ?? 0]
    }

    /// Counts behind the notes: cells with a non-finite value, cells beyond a fixed scale, and
    /// overlay points drawn or skipped.
    var tally: (missing: Int, clamped: Int, overlay: PointCounts) {
        let scale = self.scale
        let missing = grid.values.count(where: { !$0.isFinite })
        let clamped = grid.values.count(where: { $0.isFinite && !scale.contains($0) })
        return (missing, clamped, counts(overlay))
    }

    /// Points of `points` drawn, non-finite, and outside the rectangle.
    func counts(_ points: [PlotPoint]) -> PointCounts {
        var counts = PointCounts()
        for point in points {
            if !point.isFinite {
                counts.nonFinite += 1
            } else if grid.xRange.contains(point.x) && grid.yRange.contains(point.y) {
                counts.plotted += 1
            } else {
                counts.outside += 1
            }
        }
        return counts
    }

    /// Notes under the legend, shared by the terminal and SVG renderings.
    func notes(tally: (missing: Int, clamped: Int, overlay: PointCounts), missingLabel: String) -> [String] {
        let (missing, clamped, overlayCounts) = tally
        var notes: [String] = []
        let finite = grid.values.filter(\.isFinite)
        if let first = finite.first, finite.allSatisfy({ $0 == first }) {
            notes.append("constant field: every finite value is \(NumberText.significant(first))")
        }
        if missing > 0 { notes.append("\(counted(missing, "non-finite cell")) shown as \(missingLabel)") }
        if clamped > 0 { notes.append("\(counted(clamped, "cell")) beyond the fixed scale drawn at its ends") }
        for layer in layers { if let note = counts(layer.points).note(for: layer.name) { notes.append(note) } }
        if let note = overlayCounts.note(for: overlayName) { notes.append(note) }
        return notes
    }

    public func render(style: TerminalStyle) -> String {
        let (cells, frame) = terminalParts(style: style)
        return frame.render(cells, style: style)
    }

    /// The data area and the frame around it (labels, legend, notes), before they are joined: the
    /// live view lays out several heat maps with one legend of its own.
    func terminalParts(style: TerminalStyle) -> (cells: CellGrid, frame: TerminalFrame) {
        let scale = self.scale
        var cells = CellGrid(width: grid.columns, height: grid.rows)
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let value = grid[row, column]
                if !style.usesColor {
                    cells[row, column] = TerminalCell(glyph: glyph(for: value, on: scale))
                } else if let t = Self.position(of: value, on: scale) {
                    cells[row, column] = TerminalCell(glyph: " ", background: colorRamp.color(at: t).ansi256Index)
                } else {
                    cells[row, column] = TerminalCell(glyph: missingGlyph, foreground: PlotColor.black.ansi256Index,
                                                      background: PlotColor.missing.ansi256Index)
                }
            }
        }
        for layer in layers { mark(layer.points, glyph: layer.glyph, on: &cells, style: style, scale: scale) }
        mark(overlay, glyph: overlayGlyph, on: &cells, style: style, scale: scale)
        drawCurvesAndArrows(on: &cells)

        var frame = TerminalFrame()
        frame.title = title
        frame.yName = yName
        frame.xName = xName
        (frame.xLabels, frame.yLabels) = axisLabels()
        frame.legend = [LegendEntry(cells: colorBar(style: style))]
        let tally = self.tally
        for layer in layers {
            frame.legend.append(LegendEntry(glyph: layer.glyph, foreground: nil,
                                            text: "\(layer.name) (\(counts(layer.points).plotted))"))
        }
        if !overlay.isEmpty {
            frame.legend.append(LegendEntry(glyph: overlayGlyph, foreground: nil,
                                            text: "\(overlayName) (\(tally.overlay.plotted))"))
        }
        if !curves.isEmpty { frame.legend.append(LegendEntry(glyph: curveGlyph, foreground: nil, text: curvesName)) }
        if !arrows.isEmpty { frame.legend.append(LegendEntry(glyph: ">", foreground: nil, text: arrowsName + " (> ^ < v / \\ by direction)")) }
        frame.notes = notes(tally: tally, missingLabel: String(missingGlyph))
        return (cells, frame)
    }

    /// Marks each finite point inside the rectangle with `glyph`; with colour on, in black or
    /// white, whichever stands out from the cell's background.
    private func mark(_ points: [PlotPoint], glyph: Character, on cells: inout CellGrid, style: TerminalStyle,
                      scale: AxisRange) {
        for point in points where point.isFinite {
            guard let column = grid.xRange.column(of: point.x, count: grid.columns),
                  let row = grid.yRange.row(of: point.y, count: grid.rows) else { continue }
            var cell = cells[row, column]
            cell.glyph = glyph
            if style.usesColor {
                let under = Self.position(of: grid[row, column], on: scale).map { colorRamp.color(at: $0) } ?? .missing
                cell.foreground = (under.luminance > 0.5 ? PlotColor.black : PlotColor.white).ansi256Index
            }
            cells[row, column] = cell
        }
    }

    /// Labels of the first, middle and last column and of the top, middle and bottom row.
    func axisLabels() -> (x: (String, String, String), y: (String, String, String)) {
        let x = grid.xRange, y = grid.yRange
        var frame = TerminalFrame()
        frame.labelAxes(x: x, xResolution: x.span / Double(grid.columns), y: y, yResolution: y.span / Double(grid.rows))
        return (frame.xLabels, frame.yLabels)
    }

    /// The colour bar, titled with what the colours are: `"critic value -1.23 [ .:-=+*#%@] 4.56"`,
    /// the ramp between the values its ends stand for (coloured blanks when colour is on).
    func colorBar(style: TerminalStyle) -> [TerminalCell] {
        let scale = self.scale
        let resolution = scale.span / 100
        var bar = LegendEntry.plain(valueName + " " + NumberText.label(scale.lower, range: scale, resolution: resolution) + " [")
        for (level, glyph) in glyphRamp.enumerated() {
            let t = (Double(level) + 0.5) / Double(glyphRamp.count)
            bar.append(style.usesColor ? TerminalCell(glyph: " ", background: colorRamp.color(at: t).ansi256Index)
                                       : TerminalCell(glyph: glyph))
        }
        return bar + LegendEntry.plain("] " + NumberText.label(scale.upper, range: scale, resolution: resolution))
    }
}

/// A named set of points drawn over a heat map with a glyph of its own (terminal) and a filled
/// circle of its colour (SVG).
public struct PointLayer: Sendable {
    public var name: String
    public var points: [PlotPoint]
    /// Choose a glyph outside the heat map's glyph ramp.
    public var glyph: Character
    public var color: PlotColor

    public init(name: String, points: [PlotPoint], glyph: Character = "+", color: PlotColor = PlotColor.series(4)) {
        self.name = name
        self.points = points
        self.glyph = glyph
        self.color = color
    }
}
