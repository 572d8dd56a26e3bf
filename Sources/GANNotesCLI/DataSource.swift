import ToyData
import Training

extension Validator {
    /// A toy distribution's name, or `csv:PATH` for your own points.
    static let dataset = Validator(
        kind: .name, valueName: "NAME", expected: "one of: " + ToyDatasets.names.joined(separator: ", ") + ", or csv:PATH",
        choices: ToyDatasets.names
    ) { flag, value in
        if value.hasPrefix("csv:") {
            return value.count > 4 ? nil : "\(flag) csv: needs a path, as in --data csv:points.csv"
        }
        return Validator.choice(ToyDatasets.names, noun: "dataset").problem(flag, value).map { $0 + ", or csv:PATH" }
    }
}

/// The distribution a configuration names: a toy distribution, or the points of a CSV file read
/// now (so a bad file stops the run before anything is trained or written).
func resolveData(_ name: String, columns: [String]?, command: String = "train") throws -> any ToyDistribution {
    if name.hasPrefix("csv:") {
        let path = String(name.dropFirst(4))
        do {
            let points = try CSVPoints.read(path: path, columns: columns)
            return EmpiricalDistribution(points: points, name: name)
        } catch {
            throw UsageError(command: command, message: error.description)
        }
    }
    return try ToyDatasets.named(name)
}
