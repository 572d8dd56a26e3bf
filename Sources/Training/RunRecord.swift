import Foundation

/// One logged step: the losses, the objective's own figures and, every `metricsEvery` steps,
/// the sample-quality metrics.
public struct LogEntry: Codable, Sendable, Hashable {
    public var step: Int
    public var discriminatorLoss: Double
    public var generatorLoss: Double
    /// Objective-specific figures (`gradient_penalty`, `k`, ...) by name.
    public var figures: [String: Double]
    public var metrics: SampleMetrics?

    enum CodingKeys: String, CodingKey {
        case step, discriminatorLoss = "d_loss", generatorLoss = "g_loss", figures, metrics
    }
}

/// How close generated samples are to the data.
public struct SampleMetrics: Codable, Sendable, Hashable {
    /// Modes with at least one high-quality sample, and how many there are (`nil` without known modes).
    public var modesCovered: Int?
    public var modesTotal: Int?
    /// Share of samples within 3 standard deviations of their nearest mode (`nil` without known modes).
    public var highQualityShare: Double?
    /// KL(q || p) of the mode histogram of high-quality samples against the true weights.
    public var reverseKL: Double?
    /// Exact empirical W1 (optimal assignment) between equal-size real and generated samples.
    public var w1: Double
    /// Sliced W1 over random directions.
    public var slicedW1: Double
    /// Squared MMD with an RBF kernel.
    public var mmd: Double

    enum CodingKeys: String, CodingKey {
        case modesCovered = "modes_covered", modesTotal = "modes_total", highQualityShare = "high_quality_share"
        case reverseKL = "reverse_kl", w1, slicedW1 = "sliced_w1", mmd
    }

    public init(modesCovered: Int?, modesTotal: Int?, highQualityShare: Double?, reverseKL: Double?,
                w1: Double, slicedW1: Double, mmd: Double) {
        self.modesCovered = modesCovered; self.modesTotal = modesTotal; self.highQualityShare = highQualityShare
        self.reverseKL = reverseKL; self.w1 = w1; self.slicedW1 = slicedW1; self.mmd = mmd
    }

    // Absent values are written as explicit nulls, so every record has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(modesCovered, forKey: .modesCovered)
        try c.encode(modesTotal, forKey: .modesTotal)
        try c.encode(highQualityShare, forKey: .highQualityShare)
        try c.encode(reverseKL, forKey: .reverseKL)
        try c.encode(w1, forKey: .w1)
        try c.encode(slicedW1, forKey: .slicedW1)
        try c.encode(mmd, forKey: .mmd)
    }
}

/// A finished run as scripts read it: `config`, `log`, `final` and `wall_seconds`.
public struct RunRecord: Codable, Sendable {
    public var config: TrainingConfig
    public var log: [LogEntry]
    public var final: SampleMetrics
    /// Seconds of wall time; the only field that differs between two runs of the same command.
    public var wallSeconds: Double

    enum CodingKeys: String, CodingKey { case config, log, final, wallSeconds = "wall_seconds" }

    public init(config: TrainingConfig, log: [LogEntry], final: SampleMetrics, wallSeconds: Double) {
        self.config = config; self.log = log; self.final = final; self.wallSeconds = wallSeconds
    }

    /// Sorted keys and shortest round-trip numbers: the same run gives the same bytes
    /// (apart from `wall_seconds`). Non-finite numbers are written as strings.
    public func jsonData() throws -> Data { try RunRecord.encoder.encode(self) }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}

extension TrainingConfig {
    enum CodingKeys: String, CodingKey {
        case objective, data, dataColumns = "data_columns", dataDigest = "data_digest", dataDimension = "data_dimension", steps, batchSize = "batch_size", noiseDimension = "noise_dimension", width, depth
        case activation, generatorBatchNorm = "generator_batch_norm", initialization, architecture, batchNormEpsilon = "batch_norm_epsilon", generatorOptimizer = "generator_optimizer"
        case discriminatorOptimizer = "discriminator_optimizer", nCritic = "n_critic", seed
        case logEvery = "log_every", metricsEvery = "metrics_every", evaluationSamples = "evaluation_samples"
        case onlyTrain = "only_train", discriminatorMaxout = "discriminator_maxout"
    }
}

extension OptimizerConfig {
    enum CodingKeys: String, CodingKey { case kind, learningRate = "lr", beta1, beta2, momentum, alpha }
}

/// Any result value as JSON the way run records are written: sorted keys, shortest round-trip
/// numbers, non-finite numbers as the strings "inf", "-inf" and "nan". Same value, same bytes.
public func encodeJSON(_ value: some Encodable) throws -> Data { try RunRecord.encoder.encode(value) }
