import Foundation
import Autodiff
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

/// A run's data, resolved: the distribution, and for `csv:PATH` the file's absolute path and
/// digest (stored in the configuration, so a resumed run and `sample` find the same file from
/// any directory, and a changed file is noticed).
struct ResolvedData {
    var distribution: any ToyDistribution
    /// `csv:/absolute/path` for a CSV file, the toy distribution's name otherwise.
    var name: String
    var digest: String?
    /// The file's path, for ``OutputPlan`` (an output must not overwrite the data it reads).
    var file: String?
    /// A note for standard error about the data (values far from the toy scale), or `nil`.
    var warning: String?
}

/// How far CSV values may reach. The toy networks and metrics expect data within about +-10;
/// beyond 10^3 a run still trains but learns slowly (warned), beyond 10^12 squared distances and
/// losses lose every digit or overflow, and a run would stop with a misleading learning-rate
/// divergence (refused, saying to rescale).
enum DataScale {
    static let warnAbove = 1e3
    static let refuseAbove = 1e12
}

/// The distribution a configuration names: a toy distribution, or the points of a CSV file read
/// now (so a bad file stops the run before anything is trained or written). A relative CSV path
/// is resolved against `directory`.
func resolveData(_ name: String, columns: [String]?, in directory: String = FileManager.default.currentDirectoryPath,
                 command: String = "train") throws -> ResolvedData {
    guard name.hasPrefix("csv:") else {
        return ResolvedData(distribution: try ToyDatasets.named(name), name: name)
    }
    let typed = String(name.dropFirst(4))
    let path = typed.hasPrefix("/") ? typed : URL(fileURLWithPath: directory).appendingPathComponent(typed).standardizedFileURL.path
    let points: Tensor, data: Data
    do {
        data = try CSVPoints.contents(ofFile: path)
        points = try CSVPoints.parse(try CSVPoints.text(of: data, source: typed), source: typed, columns: columns)
    } catch {
        throw UsageError(command: command, message: error.description)
    }
    let largest = points.scalars.reduce(0) { Swift.max($0, Swift.abs($1)) }
    if largest > DataScale.refuseAbove {
        throw UsageError(command: command, message: "\(typed) holds values up to \(largest); beyond 1e12 a toy GAN's "
            + "distances and losses overflow or lose every digit: rescale the data (e.g. divide by its standard deviation)")
    }
    let warning = largest > DataScale.warnAbove
        ? "note: \(typed) holds values up to \(largest); the toy networks expect about +-10, so training will be slow to fit: consider rescaling"
        : nil
    return ResolvedData(distribution: EmpiricalDistribution(points: points, name: "csv:" + path), name: "csv:" + path,
                        digest: CSVPoints.digest(data), file: path, warning: warning)
}
