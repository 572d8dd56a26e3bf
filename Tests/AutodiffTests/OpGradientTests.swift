import Testing
@testable import Autodiff

@Suite("First-order gradient checks of every op")
struct OpGradientTests {
    @Test("autodiff agrees with central differences within 1e-6 over 20 seeds", arguments: GradientCheck.opCases)
    func gradientMatchesFiniteDifferences(_ op: GradientCheckCase) {
        for seed in UInt64(0)..<20 {
            let result = op.check(seed: seed)
            #expect(result.passes(tolerance: 1e-6), "\(op.name), seed \(seed): \(result)")
            #expect(result.entriesChecked == op.shapes.reduce(0) { $0 + $1.reduce(1, *) })
        }
    }

    @Test("the catalogue covers every differentiable op")
    func catalogueCoversEveryOp() {
        let names = Set(GradientCheck.opCases.map(\.name))
        for op in ["add", "subtract broadcast", "multiply broadcast", "divide broadcast", "negate", "reciprocal", "exp", "log",
                   "sqrt", "pow 3", "square", "abs", "tanh", "sigmoid", "softplus", "log sigmoid", "relu", "leaky relu",
                   "elu", "clamp", "sum all", "max axis 1", "variance axis 0", "log sum exp", "softmax", "matmul",
                   "matmul A^T", "matmul B^T", "linear", "linear without bias", "reshape", "transpose", "permute", "concatenate axis 1", "slice axis 1",
                   "rows with repeats", "scatter rows", "gather class indices", "broadcast to", "sum to shape", "select"] {
            #expect(names.contains(op), "missing \(op)")
        }
    }
}
