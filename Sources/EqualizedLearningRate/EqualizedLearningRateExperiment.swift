import Foundation
import Autodiff
import NeuralNet
import Training

/// Equal speed: how fast each layer of a network moves under Adam, with and without equalized
/// learning rate, when the layers' fan-ins differ a lot.
///
/// A network `2 -> 512 -> 16 -> 1` (fan-ins 2, 512 and 16; leaky ReLU) is fitted by least squares
/// to the smooth function `y = sin(2 x_1) + 0.5 cos(3 x_2)` on fresh batches `x ~ N(0, I)`, twice
/// from the same seed: once with ordinary He-initialised layers, once with equalized ones. Both
/// start as the *same* function (the effective weights `c W` are drawn identically), so any
/// difference comes from the optimizer's steps alone. At every step the relative update of each
/// layer's effective weight is recorded,
///
/// ```
/// u_l = ||c_l W_l(t+1) - c_l W_l(t)||_F / ||c_l W_l(t)||_F
/// ```
///
/// Adam moves every stored parameter by about `lr` per step. For an ordinary layer, whose weights
/// have size `sqrt(2 / fan_in)`, that makes `u_l ~ lr sqrt(fan_in / 2)`: the 512-fan-in layer moves
/// 16 times faster, relatively, than the 2-fan-in one. Equalized, every stored weight has size 1
/// and `u_l ~ lr` in every layer. `spread` (largest over smallest mean `u_l`) summarises it.
public enum EqualizedLearningRateExperiment {
    public struct Settings: Sendable, Hashable, Codable {
        /// Layer widths, input first; the fan-ins are all but the last.
        public var widths: [Int] = [2, 512, 16, 1]
        public var steps: Int = 400
        public var batchSize: Int = 64
        /// Adam as in ProGAN: `lr = 0.001`, `beta1 = 0`, `beta2 = 0.99`.
        public var learningRate: Double = 1e-3
        public var beta1: Double = 0
        public var beta2: Double = 0.99
        /// Relative updates are averaged over windows of this many steps.
        public var window: Int = 20
        public init() {}

        public static var quick: Settings {
            var s = Settings()
            s.widths = [2, 128, 8, 1]; s.steps = 20; s.batchSize = 32; s.window = 5
            return s
        }

        /// The memory a run may use: 2 GiB.
        public static let memoryBudget = 2 << 30

        /// The memory the run needs, roughly: for each of the two variants, every weight held five
        /// times (parameters, gradients, Adam's two moments, the previous value for `u_l`) and a
        /// batch of activations per layer, in 8-byte doubles.
        public var estimatedBytes: Double {
            let weights = zip(widths, widths.dropFirst()).reduce(0.0) { $0 + Double($1.0 + 1) * Double($1.1) }
            let activations = Double(batchSize) * Double(widths.reduce(0, +)) * 3
            return 2 * 8 * (5 * weights + activations)
        }

        /// Throws `TrainingError.invalidConfig` naming the first setting out of range: widths and
        /// the batch from 1 (2 for the batch), a window from 1 to `steps`, a finite positive
        /// learning rate, betas in [0, 1), and the memory estimate within ``memoryBudget``.
        public func validate() throws {
            func refuse(_ m: String) -> TrainingError { .invalidConfig(m) }
            guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else { throw refuse("widths must be at least 1, got \(widths)") }
            guard steps >= 1 else { throw refuse("steps must be at least 1, got \(steps)") }
            guard batchSize >= 2 else { throw refuse("batch size must be at least 2, got \(batchSize)") }
            guard (1...steps).contains(window) else { throw refuse("window must be from 1 to steps = \(steps), got \(window)") }
            guard learningRate > 0 && learningRate.isFinite else { throw refuse("learning rate must be a finite positive number, got \(learningRate)") }
            guard (0..<1).contains(beta1) && (0..<1).contains(beta2) else { throw refuse("Adam's betas must lie in [0, 1), got \(beta1), \(beta2)") }
            let bytes = estimatedBytes
            guard bytes <= Double(Settings.memoryBudget) else {
                throw refuse(String(format: "widths %@ need about %.3g GB (two networks, weights five times over); the limit is 2 GiB: "
                                    + "give a smaller --hidden", "\(widths)", bytes / 1e9))
            }
        }
    }

    /// One layer's record.
    public struct LayerTrace: Codable, Sendable, Hashable {
        public var fanIn: Int
        /// The mean relative update in each window.
        public var relativeUpdates: [Double]
        /// The mean over the whole run.
        public var meanRelativeUpdate: Double
        /// The root-mean-square of the stored weights at the end (about 1 equalized, `c` ordinary).
        public var storedWeightRMS: Double
    }

    public struct Variant: Codable, Sendable, Hashable {
        public var equalized: Bool
        public var layers: [LayerTrace]
        /// Mean squared error in each window.
        public var losses: [Double]
        /// Largest over smallest mean relative update across layers: 1 is perfectly equal speed.
        public var spread: Double
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        /// The last step of each window.
        public var windowEnds: [Int]
        public var variants: [Variant]
        /// The largest difference between the two variants' outputs before training (0 up to rounding).
        public var initialOutputDifference: Double
    }

    /// The function fitted: `sin(2 x_1) + 0.5 cos(3 x_2)` for each row of `[N, 2]` points.
    public static func target(_ x: Tensor) -> Tensor {
        Tensor(shape: [x.shape[0], 1], scalars: (0..<x.shape[0]).map { i in
            Foundation.sin(2 * x[i, 0]) + 0.5 * Foundation.cos(3 * x[i, 1])
        })
    }

    /// A leaky-ReLU network of `EqualizedLinear` layers (gain 1 on the output layer).
    public static func network(widths: [Int], equalized: Bool, using rng: inout SeededGenerator) -> [EqualizedLinear] {
        (0..<(widths.count - 1)).map { i in
            EqualizedLinear(widths[i], widths[i + 1], gain: i == widths.count - 2 ? 1 : 2.0.squareRoot(),
                            equalized: equalized, using: &rng)
        }
    }

    static func forward(_ layers: [EqualizedLinear], _ x: Variable) -> Variable {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(h)
            if i < layers.count - 1 { h = h.leakyRelu(slope: 0.2) }
        }
        return h
    }

    /// Trains both variants from `seed` and records the relative updates.
    ///
    /// - Throws: `TrainingError.invalidConfig` for impossible settings, `TrainingError.nonFinite`
    ///   if a loss stops being finite.
    public static func run(settings: Settings, seed: UInt64,
                           progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        try settings.validate()
        try checkShape(settings)
        var variants: [Variant] = []
        var outputs: [Tensor] = []
        var windowEnds: [Int] = []
        for equalized in [false, true] {
            var initStream = SeededGenerator(seed: seed)
            var dataStream = SeededGenerator(seed: seed &+ 1)
            let layers = network(widths: settings.widths, equalized: equalized, using: &initStream)
            let probe = Tensor.randomNormal([16, 2], using: &dataStream)
            outputs.append(withoutGradients { forward(layers, Variable(probe)).value })
            let optimizer = Adam(layers.flatMap(\.parameters), learningRate: settings.learningRate,
                                 beta1: settings.beta1, beta2: settings.beta2)
            var sums = [Double](repeating: 0, count: layers.count), lossSum = 0.0, count = 0
            var traces = [[Double]](repeating: [], count: layers.count)
            var losses: [Double] = []
            var totals = [Double](repeating: 0, count: layers.count)
            windowEnds = []
            for step in 1...settings.steps {
                if step % 20 == 0 {
                    progress(ProgressReport(equalized ? "equalized layers" : "ordinary layers",
                                            done: step + (equalized ? settings.steps : 0), total: 2 * settings.steps))
                }
                let x = Tensor.randomNormal([settings.batchSize, 2], using: &dataStream)         // [B, 2]
                let y = target(x)                                                                 // [B, 1]
                let loss = (forward(layers, Variable(x)) - y).square().mean()
                guard loss.scalar.isFinite else {
                    throw TrainingError.nonFinite(step: step, quantity: "squared error", value: loss.scalar)
                }
                let before = layers.map(\.effectiveWeight)
                optimizer.minimize(loss)
                for (l, layer) in layers.enumerated() {
                    let u = frobenius(layer.effectiveWeight - before[l]) / frobenius(before[l])
                    sums[l] += u; totals[l] += u
                }
                lossSum += loss.scalar; count += 1
                if count == settings.window || step == settings.steps {
                    for l in layers.indices { traces[l].append(sums[l] / Double(count)) }
                    losses.append(lossSum / Double(count))
                    windowEnds.append(step)
                    sums = sums.map { _ in 0 }; lossSum = 0; count = 0
                }
            }
            let layerTraces = layers.enumerated().map { l, layer in
                LayerTrace(fanIn: layer.inputSize, relativeUpdates: traces[l],
                           meanRelativeUpdate: totals[l] / Double(settings.steps),
                           storedWeightRMS: frobenius(layer.weight.value) / Double(layer.weight.value.count).squareRoot())
            }
            let means = layerTraces.map(\.meanRelativeUpdate)
            variants.append(Variant(equalized: equalized, layers: layerTraces, losses: losses,
                                    spread: means.max()! / Swift.max(means.min()!, .leastNonzeroMagnitude)))
        }
        return Result(settings: settings, windowEnds: windowEnds, variants: variants,
                      initialOutputDifference: outputs[0].maxAbsoluteDifference(outputs[1]))
    }

    /// The network must map 2 inputs to 1 output, and the budget must be positive.
    private static func checkShape(_ settings: Settings) throws {
        guard settings.widths.count >= 2, settings.widths.first == 2, settings.widths.last == 1,
              settings.widths.allSatisfy({ $0 >= 1 }) else {
            throw TrainingError.invalidConfig("widths must start with 2 (the input) and end with 1 (the output), got \(settings.widths)")
        }
        guard settings.steps >= 1, settings.batchSize >= 1, settings.window >= 1, settings.learningRate > 0 else {
            throw TrainingError.invalidConfig("steps, batch size and window must be at least 1 and the learning rate positive")
        }
    }

    static func frobenius(_ t: Tensor) -> Double { t.square().sum().scalar.squareRoot() }
}
