import Autodiff
import Plots
import ToyData
import Training

/// The pictures of a run: real against generated samples, the critic's value over the plane with
/// the generated samples on top, and the loss curves.
struct TrainingFigures {
    let scatter: any Figure
    let heatMap: (any Figure)?
    /// The critic's heat map with the generator manifold and the generator's movement arrows.
    let generatorView: (any Figure)?
    let losses: any Figure

    /// Points shown per side; enough to see the modes, few enough to read.
    static let pointsPerSide = 500

    init(trainer: GANTrainer) {
        var rng = SeededGenerator(seed: trainer.config.seed &+ 0xF16)
        let real = trainer.data.sample(count: Self.pointsPerSide, using: &rng).points     // [n, d]
        let fake = trainer.sample(count: Self.pointsPerSide, seed: rng.next())           // [n, d]
        let log = trainer.log
        losses = LineChart(series: [
            LineSeries(name: "D loss", points: log.map { PlotPoint(x: Double($0.step), y: $0.discriminatorLoss) }),
            LineSeries(name: "G loss", points: log.map { PlotPoint(x: Double($0.step), y: $0.generatorLoss) }),
        ], title: "losses", yName: "loss")

        if trainer.data.dimension == 1 {
            // 1-D: histograms of both samples on a shared grid, as two curves.
            let values = real.scalars + fake.scalars
            let lo = values.min() ?? 0, hi = values.max() ?? 1
            func histogram(_ xs: [Double]) -> [PlotPoint] {
                let bins = 40, width = Swift.max(hi - lo, 1e-9) / Double(bins)
                var counts = [Double](repeating: 0, count: bins)
                for x in xs { counts[Swift.min(bins - 1, Int((x - lo) / width))] += 1 }
                return counts.indices.map { PlotPoint(x: lo + (Double($0) + 0.5) * width, y: counts[$0] / Double(xs.count) / width) }
            }
            scatter = LineChart(series: [LineSeries(name: "real", points: histogram(real.scalars)),
                                         LineSeries(name: "generated", points: histogram(fake.scalars))],
                                title: "density of real and generated samples", xName: "x", yName: "density")
            heatMap = nil
            generatorView = nil
            return
        }
        let realPoints = real.rows.map { PlotPoint(x: $0[0], y: $0[1]) }
        let fakePoints = fake.rows.map { PlotPoint(x: $0[0], y: $0[1]) }
        scatter = ScatterPlot(series: [ScatterSeries(name: "real", points: realPoints, glyph: "."),
                                       ScatterSeries(name: "generated", points: fakePoints, glyph: "o")],
                              title: "\(trainer.config.objective) on \(trainer.config.data), step \(trainer.step)",
                              xName: "x", yName: "y", equalAspect: true)
        let xs = (realPoints + fakePoints).map(\.x).filter(\.isFinite), ys = (realPoints + fakePoints).map(\.y).filter(\.isFinite)
        let xRange = (AxisRange.enclosing(xs) ?? AxisRange(-1, 1)).padded()
        let yRange = (AxisRange.enclosing(ys) ?? AxisRange(-1, 1)).padded()
        let critic = Self.criticGrid(trainer, xRange: xRange, yRange: yRange)
        var map = HeatMap(grid: critic, title: "critic value (higher = more real)", xName: "x", yName: "y",
                          glyphRamp: Self.glyphRamp, overlay: fakePoints, overlayName: "generated")
        map.valueName = "critic value"
        map.layers = [PointLayer(name: "real", points: realPoints)]
        heatMap = map
        generatorView = Self.generatorView(trainer, critic: critic, fake: fake, real: real)
    }

    /// The panels side by side: scatter, critic, generator's view, losses.
    func svg() -> String {
        FigureGrid([scatter] + [heatMap, generatorView].compactMap { $0 } + [losses]).svg()
    }

    /// The critic's value at the centres of a 64 x 24 grid over the ranges, in one batched call.
    static func criticGrid(_ trainer: GANTrainer, xRange: AxisRange, yRange: AxisRange,
                           columns: Int = 64, rows: Int = 24) -> ScalarGrid {
        var centres: [Double] = []
        for r in 0..<rows {
            for c in 0..<columns {
                centres.append(xRange.lower + (Double(c) + 0.5) / Double(columns) * (xRange.upper - xRange.lower))
                centres.append(yRange.upper - (Double(r) + 0.5) / Double(rows) * (yRange.upper - yRange.lower))
            }
        }
        let values = trainer.objective.criticValue(discriminator: trainer.discriminator,
                                                   at: Tensor(shape: [rows * columns, 2], scalars: centres)).scalars
        return ScalarGrid(xRange: xRange, yRange: yRange, columns: columns, rows: rows, values: values)
    }

    /// The generator's view: the critic's heat map, the real samples (`+`), the image of a regular
    /// noise grid under G (`x`), and for 48 generated samples an arrow along `-dL_G/dx`, the
    /// longest drawn 8% of the plot's width.
    static func generatorView(_ trainer: GANTrainer, critic: ScalarGrid, fake: Tensor, real: Tensor,
                              valueRange: AxisRange? = nil) -> HeatMap {
        let manifold = GeneratorView.manifold(generator: trainer.generator, noiseDimension: trainer.config.noiseDimension)
        var view = HeatMap(grid: critic, title: "generator's view, step \(trainer.step)", xName: "x", yName: "y",
                           glyphRamp: Self.glyphRamp, valueRange: valueRange)
        view.valueName = "critic value"
        view.layers = [PointLayer(name: "real", points: real.rows.map { PlotPoint(x: $0[0], y: $0[1]) })]
        view.curves = manifold.map { line in line.map { PlotPoint(x: $0[0], y: $0[1]) } }
        view.curvesName = "G(noise grid)"
        view.arrows = arrows(trainer, fake: fake, real: real, count: 48, length: 0.08 * critic.xRange.span)
        view.arrowsName = "-dL_G/dx"
        return view
    }

    /// The heat maps' glyphs: the default ramp with `~` in place of `+`, which marks real samples.
    static let glyphRamp = " .:-=~*#%@"

    /// Arrows along `-dL_G/dx` from the first `count` generated samples, scaled together so the
    /// longest is `length` long (plot units): directions and relative sizes are the gradient's.
    static func arrows(_ trainer: GANTrainer, fake: Tensor, real: Tensor, count: Int, length: Double) -> [Arrow] {
        let n = Swift.min(count, fake.shape[0], real.shape[0])
        let starts = fake.slice(alongAxis: 0, 0..<n), reals = real.slice(alongAxis: 0, 0..<n)
        let moves = GeneratorView.movement(objective: trainer.objective, discriminator: trainer.discriminator,
                                           fake: starts, real: reals)
        let longest = moves.rows.map { ($0[0] * $0[0] + $0[1] * $0[1]).squareRoot() }.max() ?? 0
        let scale = longest > 0 && longest.isFinite ? length / longest : 0
        return zip(starts.rows, moves.rows).map { p, m in
            Arrow(from: PlotPoint(x: p[0], y: p[1]), to: PlotPoint(x: p[0] + scale * m[0], y: p[1] + scale * m[1]))
        }
    }

    /// One frame of a training film: the generator's view on fixed axes, with the same real
    /// samples and the same noise in every frame (so what changes is the model).
    static func filmFrame(_ trainer: GANTrainer, xRange: AxisRange, yRange: AxisRange) -> HeatMap {
        var rng = SeededGenerator(seed: trainer.config.seed &+ 0xF17)
        let real = trainer.data.sample(count: 48, using: &rng).points
        let fake = trainer.sample(count: 48, seed: rng.next())
        return generatorView(trainer, critic: criticGrid(trainer, xRange: xRange, yRange: yRange, columns: 48, rows: 18),
                             fake: fake, real: real)
    }
}

/// A training film (`train --svg PATH --frames N`): the generator's view at `N` evenly spaced
/// steps from the first (before any update) to the last, on axes fixed by the data and one colour
/// scale for all frames, so a colour means the same critic value in every frame.
final class TrainingFilm {
    /// Steps at which a frame is taken.
    let steps: Set<Int>
    let xRange: AxisRange
    let yRange: AxisRange
    private(set) var frames: [HeatMap] = []

    /// Takes the first frame now (the trainer's current step); `frames == 1` films only the end.
    init(_ trainer: GANTrainer, frames: Int) {
        let first = trainer.step, last = trainer.config.steps
        steps = frames < 2 ? [last] : Set((0..<frames).map { first + ($0 * (last - first)) / (frames - 1) })
        (xRange, yRange) = TrainingFigures.dataRanges(trainer)
        capture(trainer)
    }

    /// Adds a frame if the trainer is at one of `steps` and that step is not filmed yet.
    func capture(_ trainer: GANTrainer) {
        guard steps.contains(trainer.step), !frames.contains(where: { $0.title.hasSuffix("step \(trainer.step)") }) else { return }
        frames.append(TrainingFigures.filmFrame(trainer, xRange: xRange, yRange: yRange))
    }

    /// The frames on the colour scale that holds every frame's finite critic values.
    var figures: [HeatMap] {
        let shared = AxisRange.enclosing(frames.flatMap { $0.grid.values })
        return frames.map { frame in
            var frame = frame
            frame.valueRange = shared
            return frame
        }
    }

    func svg() -> String {
        FigureGrid(figures, columns: Swift.min(frames.count, 4), panelWidth: 420, panelHeight: 320).svg()
    }
}

extension TrainingFigures {
    /// Axes that hold the data (4000 points, padded by 15% on each side), for figures that must
    /// share their axes across frames.
    static func dataRanges(_ trainer: GANTrainer) -> (AxisRange, AxisRange) {
        guard trainer.data.dimension == 2 else { return (AxisRange(-1, 1), AxisRange(-1, 1)) }
        var rng = SeededGenerator(seed: trainer.config.seed &+ 0xF18)
        let points = trainer.data.sample(count: 4000, using: &rng).points.rows
        func range(_ values: [Double]) -> AxisRange {
            let r = AxisRange.enclosing(values) ?? AxisRange(-1, 1)
            let pad = Swift.max(r.span, 1e-3) * 0.15
            return AxisRange(r.lower - pad, r.upper + pad)
        }
        return (range(points.map { $0[0] }), range(points.map { $0[1] }))
    }
}
