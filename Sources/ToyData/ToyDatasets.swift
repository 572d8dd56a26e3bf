import Foundation

/// The registry of named toy distributions, for `--data NAME` and `gan-notes datasets`.
///
/// ```
/// let ring = try ToyDatasets.named("ring8")     // the PacGAN ring
/// try ToyDatasets.named("ring9")                // throws: unknown dataset 'ring9'; accepted: ring8, grid25, ...
/// ```
public enum ToyDatasets {
    /// Every named distribution with its default parameters, in listing order.
    public static let all: [any ToyDistribution] = [
        GaussianMixture.ring8(),
        GaussianMixture.grid25(),
        GaussianMixture.eightGaussians,
        GaussianMixture.twentyFiveGaussians,
        SwissRoll(),
        TwoMoons(),
        TwoCircles(),
        TwoSpirals(),
        Checkerboard(),
        GaussianMixture.standardGaussian,
        GaussianMixture.mixture1D(),
        ParallelLine(),
    ]

    /// The accepted names, in listing order.
    public static var names: [String] { all.map(\.name) }

    /// The distribution called `name` (exact, case-sensitive match).
    ///
    /// - Throws: `ToyDataError.unknownDataset` naming every accepted name.
    public static func named(_ name: String) throws(ToyDataError) -> any ToyDistribution {
        guard let found = all.first(where: { $0.name == name }) else {
            throw .unknownDataset(name, accepted: names)
        }
        return found
    }
}

/// What went wrong when looking up a toy distribution.
public enum ToyDataError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// No distribution has this name; `accepted` lists the names that exist.
    case unknownDataset(String, accepted: [String])

    public var description: String {
        switch self {
        case let .unknownDataset(name, accepted):
            "unknown dataset '\(name)'; accepted: \(accepted.joined(separator: ", "))"
        }
    }

    public var errorDescription: String? { description }
}
