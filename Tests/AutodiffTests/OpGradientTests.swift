import Testing
@testable import Autodiff

/// One differentiable op under test: how to draw its inputs and how to apply it.
struct OpCase: Sendable, CustomTestStringConvertible {
    enum Domain: Sendable {
        case any            // N(0, 1)
        case positive       // [0.2, 2]
        case awayFromZero   // +-[0.1, 2]: keeps relu/abs/clamp kinks out of the finite-difference step
        case separated      // distinct values at least 0.05 apart: max keeps its argmax under +-h
    }
    let name: String
    let shapes: [[Int]]
    let domain: Domain
    let apply: @Sendable ([Variable]) -> Variable
    var testDescription: String { "\(name) \(shapes.map { "\($0)" }.joined(separator: " "))" }

    init(_ name: String, _ shapes: [[Int]], _ domain: Domain = .any, _ apply: @escaping @Sendable ([Variable]) -> Variable) {
        self.name = name; self.shapes = shapes; self.domain = domain; self.apply = apply
    }

    func inputs(seed: UInt64) -> [Tensor] {
        var rng = SeededGenerator(seed: seed)
        return shapes.map { shape in
            let n = shape.reduce(1, *)
            switch domain {
            case .any: return Tensor.randomNormal(shape, using: &rng)
            case .positive: return Tensor.randomUniform(shape, low: 0.2, high: 2, using: &rng)
            case .awayFromZero:
                return Tensor.randomUniform(shape, low: 0.1, high: 2, using: &rng)
                    .map { $0 * (rng.nextUniform() < 0.5 ? -1 : 1) }
            case .separated:
                var values = (0..<n).map { Double($0) * 0.05 - Double(n) * 0.025 }
                values.shuffle(using: &rng)
                return Tensor(shape: shape, scalars: values)
            }
        }
    }
}

/// Every op, including broadcast shapes. The checked scalar is `sum(op(x) * w)` for a fixed random
/// `w`, so every output element gets a different upstream gradient.
let opCases: [OpCase] = [
    OpCase("add", [[3, 4], [3, 4]]) { $0[0] + $0[1] },
    OpCase("add broadcast row", [[3, 4], [4]]) { $0[0] + $0[1] },
    OpCase("add broadcast column", [[3, 1], [1, 4]]) { $0[0] + $0[1] },
    OpCase("subtract broadcast", [[2, 3, 4], [3, 1]]) { $0[0] - $0[1] },
    OpCase("multiply broadcast", [[2, 3, 4], [1, 3, 4]]) { $0[0] * $0[1] },
    OpCase("multiply scalar tensor", [[3, 4], []]) { $0[0] * $0[1] },
    OpCase("divide broadcast", [[3, 4], [4]], .positive) { $0[0] / $0[1] },
    OpCase("negate", [[5]]) { -$0[0] },
    OpCase("scalar arithmetic", [[4, 2]]) { 3 - 2 * $0[0] / 5 + 1 },
    OpCase("reciprocal", [[6]], .positive) { $0[0].reciprocal() },
    OpCase("scalar over variable", [[6]], .positive) { 2 / $0[0] },
    OpCase("exp", [[3, 4]]) { $0[0].exp() },
    OpCase("log", [[3, 4]], .positive) { $0[0].log() },
    OpCase("sqrt", [[3, 4]], .positive) { $0[0].sqrt() },
    OpCase("pow 3", [[3, 4]]) { $0[0].pow(3) },
    OpCase("pow 1.5", [[3, 4]], .positive) { $0[0].pow(1.5) },
    OpCase("pow -0.5", [[3, 4]], .positive) { $0[0].pow(-0.5) },
    OpCase("square", [[3, 4]]) { $0[0].square() },
    OpCase("abs", [[3, 4]], .awayFromZero) { $0[0].abs() },
    OpCase("tanh", [[3, 4]]) { $0[0].tanh() },
    OpCase("sigmoid", [[3, 4]]) { ($0[0] * 3).sigmoid() },
    OpCase("softplus", [[3, 4]]) { ($0[0] * 3).softplus() },
    OpCase("log sigmoid", [[3, 4]]) { ($0[0] * 3).logSigmoid() },
    OpCase("relu", [[3, 4]], .awayFromZero) { $0[0].relu() },
    OpCase("leaky relu", [[3, 4]], .awayFromZero) { $0[0].leakyRelu(slope: 0.2) },
    OpCase("elu", [[3, 4]], .awayFromZero) { $0[0].elu(alpha: 1.3) },
    OpCase("clamp", [[3, 4]], .awayFromZero) { $0[0].clamped(min: -1, max: 1) },
    OpCase("sum all", [[3, 4]]) { $0[0].sum() },
    OpCase("sum axis 0", [[3, 4]]) { $0[0].sum(alongAxes: [0]) },
    OpCase("sum axes 0 2 keepdims", [[2, 3, 4]]) { $0[0].sum(alongAxes: [0, 2], keepingDims: true) },
    OpCase("mean axis -1", [[2, 3, 4]]) { $0[0].mean(alongAxes: [-1]) },
    OpCase("max axis 1", [[3, 5]], .separated) { $0[0].max(alongAxes: [1]) },
    OpCase("max axes 0 2", [[2, 3, 4]], .separated) { $0[0].max(alongAxes: [0, 2], keepingDims: true) },
    OpCase("variance axis 0", [[5, 3]]) { $0[0].variance(alongAxes: [0]) },
    OpCase("log sum exp", [[3, 5]]) { ($0[0] * 4).logSumExp(alongAxes: [1]) },
    OpCase("softmax", [[3, 5]]) { $0[0].softmax(alongAxis: 1) },
    OpCase("log softmax axis 0", [[4, 3]]) { $0[0].logSoftmax(alongAxis: 0) },
    OpCase("matmul", [[3, 4], [4, 5]]) { matmul($0[0], $0[1]) },
    OpCase("matmul A^T", [[4, 3], [4, 5]]) { Variable.matmul($0[0], $0[1], transposeA: true) },
    OpCase("matmul B^T", [[3, 4], [5, 4]]) { Variable.matmul($0[0], $0[1], transposeB: true) },
    OpCase("matmul A^T B^T", [[4, 3], [5, 4]]) { Variable.matmul($0[0], $0[1], transposeA: true, transposeB: true) },
    OpCase("reshape", [[3, 4]]) { $0[0].reshaped([2, -1]) * $0[0].reshaped([2, 6]) },
    OpCase("transpose", [[3, 4]]) { $0[0].transposed() },
    OpCase("permute", [[2, 3, 4]]) { $0[0].permuted([2, 0, 1]) },
    OpCase("concatenate axis 1", [[2, 3], [2, 2]]) { Variable.concatenate([$0[0], $0[1], $0[0]], alongAxis: 1) },
    OpCase("slice axis 1", [[3, 6]]) { $0[0].slice(alongAxis: 1, 1..<4) },
    OpCase("rows with repeats", [[4, 3]]) { $0[0].rows(at: [2, 0, 2, 3]) },
    OpCase("scatter rows", [[3, 2]]) { $0[0].scatterRows([1, 1, 4], count: 5) },
    OpCase("gather class indices", [[4, 3]]) { $0[0].gather(classIndices: [2, 0, 1, 2]) },
    OpCase("broadcast to", [[3, 1]]) { $0[0].broadcast(to: [2, 3, 4]) },
    OpCase("sum to shape", [[2, 3, 4]]) { $0[0].sum(toShape: [3, 1]) },
    OpCase("select", [[3, 4], [3, 4]]) {
        Variable.select(Tensor(shape: [3, 4], scalars: (0..<12).map { Double($0 % 2) }), $0[0], $0[1])
    },
    OpCase("composite", [[4, 3], [3, 2], [2]]) { (matmul($0[0], $0[1]) + $0[2]).tanh().square().mean(alongAxes: [0]) },
]

@Suite("First-order gradient checks of every op")
struct OpGradientTests {
    @Test("autodiff agrees with central differences within 1e-6 over 20 seeds", arguments: opCases)
    func gradientMatchesFiniteDifferences(_ op: OpCase) {
        for seed in UInt64(0)..<20 {
            let inputs = op.inputs(seed: seed)
            var rng = SeededGenerator(seed: seed &+ 1000)
            let outShape = withoutGradients { op.apply(inputs.map { Variable($0) }).shape }
            let weights = Tensor.randomNormal(outShape, using: &rng)
            let result = GradientCheck.check({ (op.apply($0) * weights).sum() }, at: inputs)
            #expect(result.passes(tolerance: 1e-6), "\(op.name), seed \(seed): \(result)")
        }
    }
}
