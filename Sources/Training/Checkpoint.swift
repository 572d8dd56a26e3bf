import Foundation
import Autodiff
import NeuralNet

/// Everything needed to continue a run exactly where it stopped: the configuration, the step,
/// both networks, both optimizers' state, the random streams, the objective's state and the log.
public struct Checkpoint: Codable, Sendable {
    /// Bumped when the layout changes, so an old file is refused with a clear message.
    public static let currentFormat = 1
    public var format: Int
    public var config: TrainingConfig
    public var step: Int
    public var generator: LayerState
    public var discriminator: LayerState
    public var generatorOptimizer: OptimizerState
    public var discriminatorOptimizer: OptimizerState
    public var dataStream: SeededGenerator
    public var noiseStream: SeededGenerator
    public var objectiveStream: SeededGenerator
    public var objectiveState: [String: Double]
    public var log: [LogEntry]

    /// The checkpoint as JSON: exact (shortest round-trip) numbers, sorted keys.
    public func jsonData() throws -> Data { try RunRecord.encoder.encode(self) }

    /// Writes the checkpoint to a temporary file beside `url` and renames it into place, so a
    /// crash mid-write never leaves a truncated checkpoint where a good one was.
    public func save(to url: URL) throws {
        let data = try jsonData()
        do { try data.write(to: url, options: .atomic) } catch {
            throw TrainingError.file("cannot write checkpoint \(url.path): \(error.localizedDescription)")
        }
    }

    /// The largest checkpoint read: 4 GiB, about 2 x 10^8 numbers of JSON. A default run's
    /// checkpoint is about 1 MB; `train --save` refuses, before training, networks whose
    /// checkpoint would pass the limit (``estimatedBytes(parameterCount:)``).
    public static let maximumFileBytes = 4 << 30

    /// The size of the JSON checkpoint of networks with `parameterCount` weights in all, about:
    /// each weight three times (value and up to two optimizer moments), 21 characters each.
    public static func estimatedBytes(parameterCount: Int) -> Double { Double(parameterCount) * 3 * 21 }

    /// Reads and checks a checkpoint: every field is validated before anything is built from it
    /// (see ``problem()``), so a damaged or hand-edited file is refused with one line naming the
    /// field and the allowed range instead of trapping, hanging or sampling NaN.
    public static func load(from url: URL) throws -> Checkpoint {
        // A FIFO or a device would block or never end; a file past the limit would fill memory.
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let attributes, attributes[.type] as? FileAttributeType == .typeRegular else {
            throw TrainingError.file("cannot read checkpoint \(url.path): not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumFileBytes else {
            throw TrainingError.file("\(url.path) is \(size >> 20) MiB; a checkpoint is at most \(maximumFileBytes >> 20) MiB")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TrainingError.file("cannot read checkpoint \(url.path): no such file or not readable")
        }
        let c: Checkpoint
        do { c = try RunRecord.decoder.decode(Checkpoint.self, from: data) } catch let error as DecodingError {
            throw TrainingError.file("\(url.path) is not a GANNotes checkpoint: \(describe(error))")
        } catch {
            throw TrainingError.file("\(url.path) is not a GANNotes checkpoint (it does not decode)")
        }
        guard c.format == currentFormat else {
            throw TrainingError.file("\(url.path) has checkpoint format \(c.format); this version reads format \(currentFormat)")
        }
        if let problem = c.problem() { throw TrainingError.file("\(url.path) is damaged: \(problem)") }
        return c
    }

    /// The first field out of its range, as `field must ..., got value`; `nil` if the checkpoint
    /// can be trusted. Checked: the configuration (``TrainingConfig/problem()``), the step
    /// (0 to `config.steps`), the optimizers' step counts (at most `step * nCritic`), every
    /// tensor finite, the objective's state finite (BEGAN's `k` in [0, 1], a learning-rate scale
    /// in (0, 1]) and the log's steps. Shapes are checked when the networks restore them.
    public func problem() -> String? {
        if let p = config.problem() { return "config: \(p)" }
        if !(0...config.steps).contains(step) { return "step must be from 0 to the configured steps \(config.steps), got \(step)" }
        let updates = step * config.nCritic
        for (name, o) in [("generatorOptimizer", generatorOptimizer), ("discriminatorOptimizer", discriminatorOptimizer)] {
            if !(0...updates).contains(o.steps) { return "\(name).steps must be from 0 to step x n-critic = \(updates), got \(o.steps)" }
            if let bad = firstNonFinite(o.slots.flatMap { $0 }) { return "\(name) holds \(bad); optimizer state must be finite" }
        }
        for (name, layer) in [("generator", generator), ("discriminator", discriminator)] {
            if let bad = firstNonFinite(layer.parameters + layer.buffers) { return "\(name) holds \(bad); weights must be finite" }
        }
        for (key, value) in objectiveState.sorted(by: { $0.key < $1.key }) {
            let range: ClosedRange<Double> = switch key {
            case "k": 0...1
            case "lr_scale": Double.leastNonzeroMagnitude...1
            default: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
            }
            if !range.contains(value) { return "objectiveState.\(key) must be a finite number in [\(range.lowerBound), \(range.upperBound)], got \(value)" }
        }
        if let entry = log.first(where: { $0.step < 1 || $0.step > step }) {
            return "log entry at step \(entry.step) must lie between 1 and the checkpoint's step \(step)"
        }
        return nil
    }

    /// `NaN` or `inf`, if one of `tensors` holds one.
    private func firstNonFinite(_ tensors: [Tensor]) -> String? {
        for t in tensors { if let x = t.scalars.first(where: { !$0.isFinite }) { return "\(x)" } }
        return nil
    }

    /// A decoding error as a short phrase: where in the file, and what was wrong there.
    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let i = key.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "at the top" : "at " + text
        }
        switch error {
        case let .keyNotFound(key, context): return "\(at(context.codingPath + [key])): missing"
        case let .typeMismatch(type, context): return "\(at(context.codingPath)): expected \(type)"
        case let .valueNotFound(type, context): return "\(at(context.codingPath)): expected \(type), found null"
        case let .dataCorrupted(context):
            return "\(at(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "it does not decode"
        }
    }
}

/// Why a run could not start or had to stop.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// An impossible setting; the message names it and what is accepted.
    case invalidConfig(String)
    /// A loss or gradient became NaN or infinite.
    case nonFinite(step: Int, quantity: String, value: Double)
    /// A file could not be read or written.
    case file(String)

    public var description: String {
        switch self {
        case .invalidConfig(let m): m
        case let .nonFinite(step, quantity, value):
            "training stopped at step \(step): the \(quantity) became \(value) (try a smaller learning rate with --lr, or another objective)"
        case .file(let m): m
        }
    }
}
