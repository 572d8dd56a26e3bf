import Foundation
import ToyData
import Training

extension Command {
    /// `gan-notes sample`: generator samples from a checkpoint, as CSV on standard output.
    public static let sample = Command(
        name: "sample",
        abstract: "Print samples of a trained generator as CSV (x,y per line).",
        discussion: "Example: gan-notes train --objective gan --save g.ckpt && gan-notes sample --checkpoint g.ckpt --n 1000 > samples.csv",
        options: [
            .option("checkpoint", .existingFile, required: true, help: "a checkpoint written by train --save"),
            .option("n", .integer(in: 1...1_000_000), default: 1000, help: "number of samples"),
            .option("seed", .integer(in: 0...Int.max), default: 0, help: "seed of the generator's noise"),
        ]
    ) { args, context in
        let path = args.string("checkpoint")
        let checkpoint = try Checkpoint.load(from: URL(fileURLWithPath: path))
        guard let objective = ObjectiveCatalogue.make(checkpoint.config.objective) else {
            throw TrainingError.file("\(path) names objective '\(checkpoint.config.objective)', which this version does not know")
        }
        let data = try resolveData(checkpoint.config.data, columns: checkpoint.config.dataColumns)
        let trainer = try GANTrainer(resuming: checkpoint, objective: objective, data: data)
        let points = trainer.sample(count: args.int("n"), seed: UInt64(args.int("seed")))
        let d = points.shape[1]
        var lines = [d == 1 ? "x" : (0..<d).map { ["x", "y", "z"][safe: $0] ?? "x\($0)" }.joined(separator: ",")]
        for row in points.rows { lines.append(row.map { String($0) }.joined(separator: ",")) }
        context.io.print(lines.joined(separator: "\n"))
        return ExitStatus.success
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
