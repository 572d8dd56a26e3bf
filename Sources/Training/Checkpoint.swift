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

    public static func load(from url: URL) throws -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TrainingError.file("cannot read checkpoint \(url.path): no such file or not readable")
        }
        let c: Checkpoint
        do { c = try RunRecord.decoder.decode(Checkpoint.self, from: data) } catch {
            throw TrainingError.file("\(url.path) is not a GANNotes checkpoint (it does not decode)")
        }
        guard c.format == currentFormat else {
            throw TrainingError.file("\(url.path) has checkpoint format \(c.format); this version reads format \(currentFormat)")
        }
        return c
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
