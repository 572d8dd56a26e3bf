import Foundation
import Autodiff
import ToyData
import Training

extension Command {
    /// `gan-notes sample`: generator samples from a checkpoint, as CSV on standard output.
    public static let sample = Command(
        name: "sample",
        abstract: "Print samples of a trained generator as CSV (x,y per line).",
        discussion: """
        Needs only the checkpoint (not the data it was trained on). Samples are made and printed a
        few thousand at a time, so --n 1000000 needs little memory whatever the network's size.
        Example: gan-notes train --objective gan --save g.ckpt && gan-notes sample --checkpoint g.ckpt --n 1000 > samples.csv
        """,
        options: [
            .option("checkpoint", .existingFile, required: true, help: "a checkpoint written by train --save"),
            .option("n", .integer(in: 1...1_000_000), default: 1000, help: "number of samples"),
            .option("seed", .integer(in: 0...Int.max), default: 0, help: "seed of the generator's noise"),
        ]
    ) { args, context in
        let path = args.string("checkpoint")
        let trainer: GANTrainer
        do {
            let checkpoint = try Checkpoint.load(from: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: context.io.currentDirectory)))
            trainer = try GANTrainer(resuming: checkpoint, objective: try objectiveOf(checkpoint, path: path),
                                     data: try samplingData(checkpoint.config, directory: context.io.currentDirectory))
        } catch let error as UsageError {
            throw UsageError(command: "sample", message: error.message)
        }
        let d = trainer.data.dimension
        context.io.print(d == 1 ? "x" : (0..<d).map { ["x", "y", "z"][safe: $0] ?? "x\($0)" }.joined(separator: ","))
        trainer.forEachSampleChunk(count: args.int("n"), seed: UInt64(args.int("seed"))) { points in
            var text = ""
            for row in points.rows { text += row.map { String($0) }.joined(separator: ",") + "\n" }
            context.io.writeOutput(text)
            return !context.io.writeFailed()   // a reader that went away (| head) ends the sampling
        }
        return ExitStatus.success
    }
}

/// What `sample` gives the trainer as its data: sampling uses only the data's dimension, so a
/// CSV run's checkpoint (which records it) needs no data file; a toy distribution is rebuilt by name.
func samplingData(_ config: TrainingConfig, directory: String) throws -> any ToyDistribution {
    if config.data.hasPrefix("csv:"), let d = config.dataDimension {
        return EmpiricalDistribution(points: Tensor.zeros([2, d]), name: config.data, summary: "the shape of \(config.data)")
    }
    return try resolveData(config.data, columns: config.dataColumns, in: directory, command: "sample").distribution
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
