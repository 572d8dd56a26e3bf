// swift-tools-version:6.0
// GANNotes: five reading notes on GANs as code you can step through, check and run.
// No package dependencies: Foundation, Dispatch and Swift Testing from the toolchain only.
import Foundation
import PackageDescription

/// What every note module builds on.
let noteBase: [Target.Dependency] = ["Autodiff", "NeuralNet", "ToyData", "Metrics", "Training"]
/// One module per note (EqualizedLearningRate and MinibatchStdDev share note 4).
let notes: [Target.Dependency] = [
    "JSDivergence", "WassersteinBounds", "EquilibriumControl", "MinibatchStdDev", "EqualizedLearningRate", "LossZoo",
]

/// The CPU the kernels are compiled for (`-march`): the one that builds them, unless the
/// environment variable `GANNOTES_MARCH` names another (`GANNOTES_MARCH=znver3 swift build`, or
/// `x86-64-v3` for a binary that runs on any AVX2 CPU).
let targetCPU = ProcessInfo.processInfo.environment["GANNOTES_MARCH"] ?? "native"

/// Whether that CPU has AVX-512 (32 vector registers of 8 Doubles), which picks the kernels'
/// register tile (Kernels+Tiles.swift): read from /proc/cpuinfo for `native` (the manifest runs on
/// the building machine, the CPU `-march=native` means), else from the `-march` name.
let targetHasAVX512: Bool = {
    if targetCPU == "native" {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").contains("avx512f") ?? false
    }
    let avx512 = ["x86-64-v4", "knl", "knm", "skylake-avx512", "cascadelake", "cooperlake", "cannonlake", "icelake-client",
                  "icelake-server", "tigerlake", "rocketlake", "sapphirerapids", "emeraldrapids", "graniterapids",
                  "graniterapids-d", "diamondrapids", "znver4", "znver5"]
    return avx512.contains(targetCPU)
}()

/// Autodiff's kernels are compiled for the CPU that builds them (on Linux, `-march=native`), with
/// its vector width and a fused multiply-add per instruction, which makes matmul about 8x faster
/// than the baseline x86-64 target. Where that CPU has AVX-512, `KERNELS_AVX512` selects the
/// 8 x 16 tile of `SIMD8<Double>`; otherwise (AVX2, NEON) the 6 x 8 tile of `SIMD4<Double>`. Both
/// give the same bits. The cost: a binary may not run on a CPU older than the one that built it
/// (build where you run), and `unsafeFlags` keep the package from being a version-based
/// dependency. Without the flags (other platforms) the kernels still work, with a separate
/// multiply and add. Autodiff is optimised in debug builds too (`-O`): `swift test` runs the
/// same machine code as release and stays fast, and Autodiff's `precondition` still prints its
/// message (Precondition.swift); only stepping through Autodiff in a debugger suffers.
/// docs/benchmarks.md measures the trade-off.
let hostCPU: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=\(targetCPU)"], .when(platforms: [.linux]))]
let kernelSettings: [SwiftSetting] = hostCPU + [
    // Tells the kernels that the fused multiply-add is an instruction here (see Kernels+Tiles.swift).
    .define("KERNELS_HAVE_FMA", .when(platforms: [.linux])),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
] + (targetHasAVX512 ? [.define("KERNELS_AVX512", .when(platforms: [.linux]))] : [])

let package = Package(
    name: "GANNotes",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gan-notes", targets: ["gan-notes"]),
        .library(name: "Autodiff", targets: ["Autodiff"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
    ],
    targets: [
        // Foundation: tensors, reverse-mode autodiff with differentiable backward rules, gradient checks.
        .target(name: "Autodiff", swiftSettings: kernelSettings),
        // Compiled for the host CPU too (Linux): the optimizers' update loops use its vector width.
        .target(name: "NeuralNet", dependencies: ["Autodiff"], swiftSettings: hostCPU),
        // The toy lab.
        .target(name: "ToyData", dependencies: ["Autodiff"]),
        .target(name: "Metrics", dependencies: ["Autodiff"]),
        .target(name: "Plots"),
        .target(name: "Training", dependencies: ["Autodiff", "NeuralNet", "ToyData", "Metrics"]),
        // One target per note.
        .target(name: "JSDivergence", dependencies: noteBase),
        .target(name: "WassersteinBounds", dependencies: noteBase),
        .target(name: "EquilibriumControl", dependencies: noteBase),
        .target(name: "MinibatchStdDev", dependencies: noteBase),
        .target(name: "EqualizedLearningRate", dependencies: noteBase + ["MinibatchStdDev"]),
        .target(name: "LossZoo", dependencies: noteBase),
        // The command line: parsing, commands and the lesson runner live in a library so tests can drive them.
        .target(name: "GANNotesCLI", dependencies: noteBase + notes + ["Plots"]),
        .executableTarget(name: "gan-notes", dependencies: ["GANNotesCLI"]),

        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Autodiff"]),
        .testTarget(name: "ToyDataTests", dependencies: ["ToyData", "Autodiff"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "ToyData", "Autodiff"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "JSDivergence", "NeuralNet", "ToyData", "Autodiff"]),
        .testTarget(name: "JSDivergenceTests", dependencies: noteBase + ["JSDivergence"]),
        .testTarget(name: "WassersteinBoundsTests", dependencies: noteBase + ["WassersteinBounds"]),
        .testTarget(name: "EquilibriumControlTests", dependencies: noteBase + ["EquilibriumControl"]),
        .testTarget(name: "MinibatchStdDevTests", dependencies: noteBase + ["MinibatchStdDev"]),
        .testTarget(name: "EqualizedLearningRateTests", dependencies: noteBase + ["EqualizedLearningRate"]),
        .testTarget(name: "LossZooTests", dependencies: noteBase + ["LossZoo", "JSDivergence"]),
        .testTarget(name: "GANNotesCLITests", dependencies: ["GANNotesCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
