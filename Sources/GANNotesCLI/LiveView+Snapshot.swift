import Foundation
import Autodiff
import Metrics
import Plots
import ToyData
import Training

/// What the live view fetches from a trainer for each redraw: the values of a `LiveSnapshot`,
/// on axes and samples fixed when the view starts, so that between two frames only the model moves.
///
/// Watching never changes training: the real points come from a seed of their own, the generated
/// points from `trainer.sample` (its own stream, fixed noise), and nothing here updates a parameter.
struct LiveProbe {
    let xRange: AxisRange
    let yRange: AxisRange
    /// `[n, d]` real samples drawn once.
    let real: Tensor
    let realPoints: [PlotPoint]
    /// Seed of the generated samples' noise: the same z every frame, so each point's motion is G's.
    let noiseSeed: UInt64
    /// Generated points per frame, and how many of them carry an arrow.
    static let points = 200
    static let arrowed = 24
    /// Critic cells evaluated per frame at most, in the main panel and behind the manifold (see
    /// `critic(_:columns:rows:budget:)`); 80x24 stays within them.
    static let criticBudget = (main: 800, manifold: 300)

    init(trainer: GANTrainer) {
        (xRange, yRange) = TrainingFigures.dataRanges(trainer)
        var rng = SeededGenerator(seed: trainer.config.seed &+ 0x11FE)
        real = trainer.data.sample(count: Self.points, using: &rng).points
        realPoints = real.rows.map { PlotPoint(x: $0[0], y: $0[1]) }
        noiseSeed = rng.next()
    }

    /// The snapshot of `trainer` now, sized for `layout`.
    func snapshot(_ trainer: GANTrainer, layout: LiveLayout, status: [String], losses: LossHistory) -> LiveSnapshot {
        let fake = trainer.sample(count: Self.points, seed: noiseSeed)                      // [n, 2]
        let fakePoints = fake.rows.map { PlotPoint(x: $0[0], y: $0[1]) }
        let arrows = TrainingFigures.arrows(trainer, fake: fake, real: real, count: Self.arrowed,
                                            length: 0.08 * xRange.span)
        let manifold = GeneratorView.manifold(generator: trainer.generator, noiseDimension: trainer.config.noiseDimension,
                                              lines: 7, pointsPerLine: 25)
        let width = max(layout.losses.width, 8)
        return LiveSnapshot(
            status: status, metrics: Self.metricsLine(trainer, generated: fake, losses: losses),
            critic: critic(trainer, columns: layout.main.width, rows: layout.main.height, budget: Self.criticBudget.main),
            manifoldField: critic(trainer, columns: layout.manifold.width, rows: layout.manifold.height,
                                  budget: Self.criticBudget.manifold),
            real: realPoints, generated: fakePoints, arrows: arrows,
            manifold: manifold.map { line in line.map { PlotPoint(x: $0[0], y: $0[1]) } },
            discriminatorLoss: losses.discriminator.binned(width), generatorLoss: losses.generator.binned(width))
    }

    /// The small picture `train --step` prints after each update: samples, arrows and the critic,
    /// about `columns` cells wide (at most 64 columns of field, 10 rows).
    func picture(_ trainer: GANTrainer, update: TrainingUpdate, columns: Int, style: TerminalStyle) -> String {
        // A layout whose main panel is `field` cells wide: the main panel takes 58% of the columns.
        let field = max(min(columns - LiveLayout.labelColumns - 6, 64), 20)
        let layout = LiveLayout(columns: (field + LiveLayout.labelColumns + 3) * 100 / 58 + 1, rows: 19)
        let status = switch update {
        case let .discriminator(step, index, of, _): "after D's update \(index)/\(of) of step \(step): the critic's field"
        case let .generator(step, _): "after G's update of step \(step): the samples and G's push"
        }
        let snapshot = self.snapshot(trainer, layout: layout, status: [status], losses: LossHistory())
        return LiveFrame.picture(snapshot, width: columns, style: style).joined(separator: "\n")
    }

    /// The critic over the fixed axes at `columns` x `rows` cells, evaluated on a coarser grid of
    /// about `budget` cells (both sides shrunk by the same factor) when the panel has more, each
    /// value then repeated over the cells it stands for: the cost of a frame stays flat on a big
    /// terminal, and the field is smooth at that scale.
    func critic(_ trainer: GANTrainer, columns: Int, rows: Int, budget: Int) -> ScalarGrid {
        let columns = max(columns, 1), rows = max(rows, 1)
        let shrink = min(1, (Double(budget) / Double(columns * rows)).squareRoot())
        let coarseColumns = max(Int((Double(columns) * shrink).rounded()), 1)
        let coarseRows = max(Int((Double(rows) * shrink).rounded()), 1)
        let coarse = TrainingFigures.criticGrid(trainer, xRange: xRange, yRange: yRange,
                                                columns: coarseColumns, rows: coarseRows)
        guard coarseColumns < columns || coarseRows < rows else { return coarse }
        var values: [Double] = []
        values.reserveCapacity(columns * rows)
        for r in 0..<rows {
            for c in 0..<columns { values.append(coarse[r * coarseRows / rows, c * coarseColumns / columns]) }
        }
        return ScalarGrid(xRange: xRange, yRange: yRange, columns: columns, rows: rows, values: values)
    }

    /// `modes 7/8  hq 64.2%  W1 0.123  D loss 1.234  G loss 0.812`, on this frame's generated
    /// points: modes and high-quality share (VEEGAN/PacGAN, 3 standard deviations) on all of
    /// them, exact W1 on the first 64 against as many real points. Fewer points than the run's
    /// own evaluation (2500 and 512), so these numbers are noisier: they are for watching.
    static func metricsLine(_ trainer: GANTrainer, generated: Tensor, losses: LossHistory) -> String {
        var parts: [String] = []
        if let modes = trainer.data.modes, generated.isFinite {
            let c = modeCoverage(of: generated, means: modes.map(\.mean), stds: modes.map(\.std), weights: modes.map(\.weight))
            parts.append("modes \(c.modesCovered)/\(c.modesTotal)")
            parts.append(String(format: "hq %.1f%%", c.highQualityShare * 100))
        }
        if generated.isFinite {
            var rng = SeededGenerator(seed: trainer.config.seed &+ 0x11FF)
            let n = min(64, generated.shape[0])
            let real = trainer.data.sample(count: n, using: &rng).points
            parts.append(String(format: "W1 %.3f", wasserstein1(real, generated.slice(alongAxis: 0, 0..<n))))
        }
        if let d = losses.discriminator.values.last, let g = losses.generator.values.last {
            parts.append(String(format: "D loss %.4f  G loss %.4f", d, g))
        }
        return parts.joined(separator: "  ")
    }
}

/// The loss of every step so far, and a short version of it for a chart `width` cells wide.
struct LossHistory {
    struct Series {
        var values: [Double] = []
        var firstStep = 1

        /// At most `2 * width` points: the means of equal runs of steps (every step when few).
        func binned(_ width: Int) -> [PlotPoint] {
            let bins = max(2 * width, 1)
            let per = max((values.count + bins - 1) / bins, 1)
            return stride(from: 0, to: values.count, by: per).map { start in
                let run = values[start..<min(start + per, values.count)]
                let mid = Double(firstStep + start) + Double(run.count - 1) / 2
                return PlotPoint(x: mid, y: run.reduce(0, +) / Double(run.count))
            }
        }
    }

    var discriminator = Series()
    var generator = Series()

    init(firstStep: Int = 1) {
        discriminator.firstStep = firstStep
        generator.firstStep = firstStep
    }

    /// Records the losses one update reports (the last discriminator update of a step stands for it).
    mutating func record(_ update: TrainingUpdate) {
        switch update {
        case let .discriminator(_, index, of, loss) where index == of: discriminator.values.append(loss)
        case let .generator(_, loss): generator.values.append(loss)
        default: break
        }
    }
}
