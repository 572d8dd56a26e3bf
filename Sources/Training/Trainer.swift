import Foundation
import Autodiff
import NeuralNet
import ToyData

/// The toy GAN training loop.
///
/// Each step makes `nCritic` discriminator updates and then one generator update:
///
/// ```
/// repeat n_critic times:
///     x ~ data, z ~ N(0, I), fake = G(z) (no graph: the discriminator step must not reach G)
///     D <- D - update(grad_D L_D(D; x, fake));  objective.afterDiscriminatorStep (clipping)
/// z ~ N(0, I), fake = G(z) (with graph: the generator's gradient flows through D into G)
/// G <- G - update(grad_G L_G(D; x, fake));      objective.afterGeneratorStep (controllers)
/// ```
///
/// Randomness comes from three streams split off the seed (data, noise, the objective's own), so
/// drawing more of one never shifts another, and all three are saved in checkpoints: a run resumed
/// from a checkpoint continues bit for bit as if it had never stopped. A NaN or infinite loss or
/// gradient stops the run with `TrainingError.nonFinite`, naming the step and the quantity.
public final class GANTrainer {
    public let config: TrainingConfig
    public let objective: any GANObjective
    public let data: any ToyDistribution
    public let generator: any Layer
    public let discriminator: any Layer
    let generatorOptimizer: any Optimizer
    let discriminatorOptimizer: any Optimizer
    var dataStream: SeededGenerator
    var noiseStream: SeededGenerator
    var objectiveStream: SeededGenerator
    /// Generator updates done so far.
    public private(set) var step = 0
    /// The last discriminator update's real batch (relativistic generator losses compare against it).
    var lastReal: Variable?
    var lastDiscriminatorTerms: LossTerms?
    public private(set) var log: [LogEntry] = []
    /// Players whose parameters do not change: at first the one `config.onlyTrain` leaves out;
    /// the live view freezes and frees them while training runs. A frozen player's loss is still
    /// computed (and logged), and its optimizer state is left as it is.
    public var frozen: Set<TrainingConfig.Player> = []

    /// A new run. Throws `TrainingError.invalidConfig` for impossible settings.
    public init(config: TrainingConfig, objective: any GANObjective, data: any ToyDistribution) throws {
        if let problem = config.problem() { throw TrainingError.invalidConfig(problem) }
        self.config = config; self.objective = objective; self.data = data
        var root = SeededGenerator(seed: config.seed)
        var initStream = root.split()
        dataStream = root.split(); noiseStream = root.split(); objectiveStream = root.split()
        (generator, discriminator) = try Self.makeNetworks(config: config, objective: objective,
                                                           dataDimension: data.dimension, using: &initStream)
        generatorOptimizer = config.generatorOptimizer.make(for: generator.parameters)
        discriminatorOptimizer = config.discriminatorOptimizer.make(for: discriminator.parameters)
        switch config.onlyTrain {
        case .discriminator: frozen = [.generator]
        case .generator: frozen = [.discriminator]
        case nil: frozen = []
        }
    }

    /// The configured MLPs, or a paper's networks (`config.architecture`), which replace only the
    /// discriminator's body and so need an objective whose discriminator is a plain MLP to one value.
    static func makeNetworks(config: TrainingConfig, objective: any GANObjective, dataDimension d: Int,
                             using rng: inout SeededGenerator) throws -> (any Layer, any Layer) {
        let hidden = Array(repeating: config.width, count: config.depth)
        let initialization = config.initialization ?? .he()
        guard let architecture = config.architecture else {
            let g = MLP(widths: [config.noiseDimension] + hidden + [d], activation: config.activation,
                        batchNorm: config.generatorBatchNorm, batchNormEpsilon: config.batchNormEpsilon,
                        initialization: initialization, using: &rng)
            if let pieces = config.discriminatorMaxout {
                let input = try plainDiscriminatorInput(objective, dataDimension: d, wanted: "a maxout discriminator")
                return (g, NetworkArchitecture.maxoutDiscriminator(widths: [input] + hidden, pieces: pieces,
                                                                   initialization: initialization, using: &rng))
            }
            let dNet = objective.makeDiscriminator(inputDimension: d, hidden: hidden, activation: config.activation,
                                                   initialization: initialization, using: &rng)
            return (g, dNet)
        }
        let input = try plainDiscriminatorInput(objective, dataDimension: d, wanted: "replacing D by the \(architecture.rawValue) networks")
        let g = architecture.makeGenerator(dataDimension: d, using: &rng)
        return (g, architecture.makeDiscriminator(inputWidth: input, using: &rng))
    }

    /// The input width of `objective`'s discriminator (the data dimension, times `m` for a packed
    /// one), when that discriminator is a plain MLP to one value that another body can replace.
    /// `wanted` names what needs it, as the subject of "needs" ("a maxout discriminator").
    private static func plainDiscriminatorInput(_ objective: any GANObjective, dataDimension d: Int, wanted: String) throws -> Int {
        var probeStream = SeededGenerator(seed: 0)
        let probe = objective.makeDiscriminator(inputDimension: d, hidden: [1], activation: .relu, using: &probeStream)
        guard let plain = probe as? MLP, plain.widths.last == 1 else {
            let kind = "\(type(of: probe))"
            throw TrainingError.invalidConfig("\(wanted) needs an objective whose discriminator is a plain network to one value; "
                                              + "\(objective.name)'s is not (it is \("AEIOU".contains(kind.prefix(1)) ? "an" : "a") \(kind))")
        }
        return plain.widths[0]
    }

    /// A run restored from a checkpoint, to be continued with `train(until:)`.
    public convenience init(resuming checkpoint: Checkpoint, objective: any GANObjective, data: any ToyDistribution,
                            steps: Int? = nil) throws {
        var config = checkpoint.config
        if let steps { config.steps = steps }
        guard objective.name == config.objective else {
            throw TrainingError.invalidConfig("the checkpoint was trained with objective '\(config.objective)', not '\(objective.name)'")
        }
        try self.init(config: config, objective: objective, data: data)
        do {
            try generator.restore(checkpoint.generator)
            try discriminator.restore(checkpoint.discriminator)
            try generatorOptimizer.restore(checkpoint.generatorOptimizer)
            try discriminatorOptimizer.restore(checkpoint.discriminatorOptimizer)
        } catch {
            throw TrainingError.file("the checkpoint does not fit its own configuration: \(error)")
        }
        dataStream = checkpoint.dataStream; noiseStream = checkpoint.noiseStream
        objectiveStream = checkpoint.objectiveStream
        objective.state = checkpoint.objectiveState
        step = checkpoint.step; log = checkpoint.log
        if config.steps > step { dropEndOfRunEntry() }
    }

    /// A run logs its last step (with metrics) because it is the last. Continued further, an
    /// uninterrupted run would have logged that step only on a logging step, and with metrics only
    /// on a metrics step: remove the difference, so a resumed record matches an uninterrupted
    /// one in every byte. (Evaluation draws from its own stream, so nothing else differs.)
    private func dropEndOfRunEntry() {
        guard let last = log.last, last.step == step else { return }
        let metricsStep = config.metricsEvery > 0 && step % config.metricsEvery == 0
        if !(step % config.logEvery == 0 || step == 1 || metricsStep) {
            log.removeLast()
        } else if !metricsStep {
            log[log.count - 1].metrics = nil
        }
    }

    /// The state to save: continuing from it gives the same numbers as never stopping.
    public func checkpoint() -> Checkpoint {
        Checkpoint(format: Checkpoint.currentFormat, config: config, step: step,
                   generator: generator.snapshot(), discriminator: discriminator.snapshot(),
                   generatorOptimizer: generatorOptimizer.state, discriminatorOptimizer: discriminatorOptimizer.state,
                   dataStream: dataStream, noiseStream: noiseStream, objectiveStream: objectiveStream,
                   objectiveState: objective.state, log: log)
    }

    /// Trains until `step == steps` (default: the configured number), calling `onLog` with each
    /// new log entry as it is made and `afterStep` after every step.
    public func train(until steps: Int? = nil, onLog: (LogEntry) -> Void = { _ in },
                      afterStep: (GANTrainer) throws -> Void = { _ in }) throws {
        let target = steps ?? config.steps
        while step < target {
            if let entry = try trainStep() { onLog(entry) }
            try afterStep(self)
        }
    }

    /// One step: `nCritic` discriminator updates, then one generator update (either is skipped
    /// when that player is `frozen`). On logging steps the new entry is appended to
    /// `log` and returned.
    ///
    /// `onUpdate` is called after each single update (for stepping through training by hand).
    @discardableResult
    public func trainStep(onUpdate: (TrainingUpdate) throws -> Void = { _ in }) throws -> LogEntry? {
        step += 1
        var dTerms = lastDiscriminatorTerms ?? LossTerms(loss: Variable(Tensor(0)))
        for k in 0..<config.nCritic {
            dTerms = try discriminatorUpdate()
            try onUpdate(.discriminator(step: step, index: k + 1, of: config.nCritic, loss: dTerms.loss.scalar))
        }
        let gTerms = try generatorUpdate()
        try onUpdate(.generator(step: step, loss: gTerms.loss.scalar))
        objective.afterGeneratorStep(discriminatorTerms: dTerms, generatorTerms: gTerms)

        let isLast = step == config.steps
        let wantMetrics = isLast || (config.metricsEvery > 0 && step % config.metricsEvery == 0)
        guard step % config.logEvery == 0 || step == 1 || wantMetrics else { return nil }
        let entry = LogEntry(step: step, discriminatorLoss: dTerms.loss.scalar, generatorLoss: gTerms.loss.scalar,
                             figures: dTerms.figures.merging(gTerms.figures) { d, _ in d },
                             metrics: wantMetrics ? evaluate() : nil)
        log.append(entry)
        return entry
    }

    /// One discriminator update on a fresh real batch and a fresh (detached) fake batch. With the
    /// discriminator frozen (in `frozen`) the loss is computed but nothing changes.
    @discardableResult
    public func discriminatorUpdate() throws -> LossTerms {
        let real = Variable(data.sample(count: config.batchSize, using: &dataStream).points)   // [B, d]
        lastReal = real
        let z = noise(config.batchSize)                                                         // [B, z]
        let fake = withoutGradients { generator(z, training: true) }                            // [B, d] constant
        let terms = objective.discriminatorLoss(discriminator: discriminator, real: real, fake: fake,
                                                using: &objectiveStream)
        try requireFinite(terms.loss.scalar, "discriminator loss")
        lastDiscriminatorTerms = terms
        guard !frozen.contains(.discriminator) else { return terms }
        // The objective may schedule the rate (BEGAN's decay); a scale of 1 leaves it exactly as configured.
        discriminatorOptimizer.learningRate = config.discriminatorOptimizer.learningRate * objective.learningRateScale
        let grads = gradients(of: terms.loss, wrt: discriminator.parameters).map(\.value)
        try requireFinite(Tensor.squaredNorm(of: grads), "discriminator gradient")
        discriminatorOptimizer.step(grads)
        objective.afterDiscriminatorStep(discriminator: discriminator)
        return terms
    }

    /// One generator update: fakes recorded through G, so the loss's gradient flows through D into
    /// G (only G's parameters are updated). With the generator frozen (in `frozen`)
    /// the loss is computed but nothing changes.
    @discardableResult
    public func generatorUpdate() throws -> LossTerms {
        let real = lastReal ?? Variable(data.sample(count: config.batchSize, using: &dataStream).points)
        let fake = generator(noise(config.batchSize), training: true)                           // [B, d] recorded
        let terms = objective.generatorLoss(discriminator: discriminator, real: real, fake: fake)
        try requireFinite(terms.loss.scalar, "generator loss")
        guard !frozen.contains(.generator) else { return terms }
        generatorOptimizer.learningRate = config.generatorOptimizer.learningRate * objective.learningRateScale
        let grads = gradients(of: terms.loss, wrt: generator.parameters).map(\.value)
        try requireFinite(Tensor.squaredNorm(of: grads), "generator gradient")
        generatorOptimizer.step(grads)
        return terms
    }

    /// `count` generator samples `[count, d]`, drawn from a stream of their own (seeded by `seed`)
    /// so that sampling never disturbs training.
    public func sample(count: Int, seed: UInt64 = 0) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        let z = Variable(Tensor.randomNormal([count, config.noiseDimension], using: &rng))
        return withoutGradients { generator(z, training: false).value }
    }

    /// The samples of `sample(count:seed:)`, the same numbers, handed to `body` `chunkRows` rows
    /// at a time (`[rows, d]`), so memory stays bounded for any count. The chunk size is even, so
    /// each chunk's noise continues the pairwise normal draws exactly where the previous one
    /// stopped; the generator in evaluation mode treats rows independently. `body` returns
    /// `false` to stop early.
    public func forEachSampleChunk(count: Int, seed: UInt64 = 0, chunkRows: Int = 4096, _ body: (Tensor) -> Bool) {
        precondition(chunkRows > 0 && chunkRows % 2 == 0, "forEachSampleChunk: chunkRows must be positive and even, got \(chunkRows)")
        var rng = SeededGenerator(seed: seed)
        var done = 0
        while done < count {
            let rows = Swift.min(chunkRows, count - done)
            let z = Variable(Tensor.randomNormal([rows, config.noiseDimension], using: &rng))
            guard body(withoutGradients { generator(z, training: false).value }) else { return }
            done += rows
        }
    }

    /// The sample-quality metrics of the generator now, on `evaluationSamples` samples. The
    /// random draws depend only on the seed and the step, so evaluating never shifts training.
    public func evaluate() -> SampleMetrics {
        var rng = SeededGenerator(seed: config.seed &+ 0x5EED_0000 &+ UInt64(step))
        let generated = sample(count: config.evaluationSamples, seed: rng.next())
        return Evaluation.measure(generated: generated, data: data, using: &rng)
    }

    private func noise(_ n: Int) -> Variable {
        Variable(Tensor.randomNormal([n, config.noiseDimension], using: &noiseStream))
    }
    private func requireFinite(_ x: Double, _ quantity: String) throws {
        if !x.isFinite { throw TrainingError.nonFinite(step: step, quantity: quantity, value: x) }
    }
}

/// One single update, reported while stepping through a run.
public enum TrainingUpdate: Sendable, Equatable {
    /// Discriminator update `index` of `of` within generator step `step`, and its loss.
    case discriminator(step: Int, index: Int, of: Int, loss: Double)
    /// The generator update of step `step`, and its loss.
    case generator(step: Int, loss: Double)
}

/// Runs a whole training run and returns its record (what `train --json` writes).
public func runTraining(config: TrainingConfig, objective: any GANObjective, data: any ToyDistribution,
                        onLog: (LogEntry) -> Void = { _ in },
                        afterStep: (GANTrainer) throws -> Void = { _ in }) throws -> (record: RunRecord, trainer: GANTrainer) {
    let (trainer, seconds) = try timed {
        let trainer = try GANTrainer(config: config, objective: objective, data: data)
        try trainer.train(onLog: onLog, afterStep: afterStep)
        return trainer
    }
    let final = trainer.log.last?.metrics ?? trainer.evaluate()
    return (RunRecord(config: config, log: trainer.log, final: final, wallSeconds: seconds), trainer)
}

/// Runs `body` and returns its value with the wall-clock seconds it took (the `wall_seconds` of
/// a run record).
public func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    let elapsed = start.duration(to: clock.now)
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}
