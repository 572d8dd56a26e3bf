extension ScatterPlot {
    /// One `<circle>` per plotted point (radius 2.5): even-numbered series filled, odd-numbered
    /// outlined, so real and generated differ in print as well as in colour. Legend swatches are
    /// the same circles, in a `<g class="legend">` of their own.
    public func drawSVG(on canvas: inout SVGCanvas, width: Double, height: Double) {
        var panel = SVGPanel(title: title, xName: xName, yName: yName)
        panel.legend = series.indices.map { index in
            SVGLegendEntry(swatch: .marker(fill: index % 2 == 0 ? color(index) : nil, stroke: color(index)),
                           text: series[index].name)
        }
        // Equal aspect depends on the plot area, which depends on how many notes there are;
        // one more pass settles it (the notes can only change when fixed ranges get widened).
        var plot = panel.plotArea(width: width, height: height)
        var (x, y) = axes(width: plot.width, height: plot.height, cellAspect: 1)
        panel.notes = series.compactMap { counts(of: $0, x: x, y: y).note(for: $0.name) }
        if !panel.notes.isEmpty {
            plot = panel.plotArea(width: width, height: height)
            (x, y) = axes(width: plot.width, height: plot.height, cellAspect: 1)
        }
        let tallies = series.map { counts(of: $0, x: x, y: y) }
        for index in series.indices {
            panel.legend[index].text = "\(series[index].name) (\(tallies[index].plotted))"
        }
        panel.notes = series.indices.compactMap { tallies[$0].note(for: series[$0].name) }
        panel.xTicks = x.niceTicks()
        panel.yTicks = y.niceTicks()

        panel.drawGrid(on: &canvas, plot: plot)
        for (index, s) in series.enumerated() {
            let filled = index % 2 == 0
            for point in s.points where point.isFinite && x.contains(point.x) && y.contains(point.y) {
                canvas.circle(cx: plot.x + x.fraction(of: point.x) * plot.width,
                              cy: plot.y + y.fractionFromTop(of: point.y) * plot.height,
                              r: 2.5, fill: filled ? color(index) : nil, stroke: color(index),
                              strokeWidth: filled ? 0.5 : 1.2)
            }
        }
        panel.drawDecorations(on: &canvas, plot: plot, width: width)
    }
}
