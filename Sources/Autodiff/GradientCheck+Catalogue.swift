import Foundation

/// One differentiable op to check: how to draw its inputs and how to apply it.
///
/// `GradientCheck.opCases` lists every op (with broadcast shapes), `GradientCheck.smoothOpCases`
/// the ones whose second derivatives exist everywhere on their domains. The test suite runs each
/// over 20 seeds; `gan-notes gradcheck` runs each over a few and prints the worst error.
public struct GradientCheckCase: Sendable, CustomStringConvertible {
    public enum Domain: Sendable {
        case any            // N(0, 1)
        case positive       // [0.2, 2]
        case awayFromZero   // +-[0.1, 2]: keeps relu/abs/clamp kinks out of the finite-difference step
        case separated      // distinct values at least 0.05 apart: max keeps its argmax under +-h
    }
    public let name: String
    public let shapes: [[Int]]
    public let domain: Domain
    public let apply: @Sendable ([Variable]) -> Variable
    public var description: String { "\(name) \(shapes.map { "\($0)" }.joined(separator: " "))" }

    public init(_ name: String, _ shapes: [[Int]], _ domain: Domain = .any, _ apply: @escaping @Sendable ([Variable]) -> Variable) {
        self.name = name; self.shapes = shapes; self.domain = domain; self.apply = apply
    }

    /// Random inputs in the case's domain, from `seed`.
    public func inputs(seed: UInt64) -> [Tensor] {
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
                values.shuffle(seeded: &rng)
                return Tensor(shape: shape, scalars: values)
            }
        }
    }
}

extension GradientCheckCase {
    /// The first-order check of `sum(op(x) * w)` at random inputs from `seed`, with a random `w`,
    /// so every output element gets a different upstream gradient.
    public func check(seed: UInt64) -> GradientCheck.Result {
        let inputs = inputs(seed: seed)
        var rng = SeededGenerator(seed: seed &+ 1000)
        let outShape = withoutGradients { apply(inputs.map { Variable($0) }).shape }
        let w = Tensor.randomNormal(outShape, using: &rng)
        return GradientCheck.check({ (apply($0) * w).sum() }, at: inputs)
    }

    /// The second-order check (Hessian-vector products) of the same scalar.
    public func checkSecondOrder(seed: UInt64) -> GradientCheck.Result {
        let inputs = inputs(seed: seed)
        var rng = SeededGenerator(seed: seed &+ 7)
        let outShape = withoutGradients { apply(inputs.map { Variable($0) }).shape }
        let w = Tensor.randomNormal(outShape, using: &rng)
        return GradientCheck.checkSecondOrder({ (apply($0) * w).sum() }, at: inputs, seed: seed)
    }
}

extension GradientCheck {
/// Every op, including broadcast shapes.
public static let opCases: [GradientCheckCase] = [
    GradientCheckCase("add", [[3, 4], [3, 4]]) { $0[0] + $0[1] },
    GradientCheckCase("add broadcast row", [[3, 4], [4]]) { $0[0] + $0[1] },
    GradientCheckCase("add broadcast column", [[3, 1], [1, 4]]) { $0[0] + $0[1] },
    GradientCheckCase("subtract broadcast", [[2, 3, 4], [3, 1]]) { $0[0] - $0[1] },
    GradientCheckCase("multiply broadcast", [[2, 3, 4], [1, 3, 4]]) { $0[0] * $0[1] },
    GradientCheckCase("multiply scalar tensor", [[3, 4], []]) { $0[0] * $0[1] },
    GradientCheckCase("divide broadcast", [[3, 4], [4]], .positive) { $0[0] / $0[1] },
    GradientCheckCase("negate", [[5]]) { -$0[0] },
    GradientCheckCase("scalar arithmetic", [[4, 2]]) { 3 - 2 * $0[0] / 5 + 1 },
    GradientCheckCase("reciprocal", [[6]], .positive) { $0[0].reciprocal() },
    GradientCheckCase("scalar over variable", [[6]], .positive) { 2 / $0[0] },
    GradientCheckCase("exp", [[3, 4]]) { $0[0].exp() },
    GradientCheckCase("log", [[3, 4]], .positive) { $0[0].log() },
    GradientCheckCase("sqrt", [[3, 4]], .positive) { $0[0].sqrt() },
    GradientCheckCase("pow 3", [[3, 4]]) { $0[0].pow(3) },
    GradientCheckCase("pow 1.5", [[3, 4]], .positive) { $0[0].pow(1.5) },
    GradientCheckCase("pow -0.5", [[3, 4]], .positive) { $0[0].pow(-0.5) },
    GradientCheckCase("square", [[3, 4]]) { $0[0].square() },
    GradientCheckCase("abs", [[3, 4]], .awayFromZero) { $0[0].abs() },
    GradientCheckCase("tanh", [[3, 4]]) { $0[0].tanh() },
    GradientCheckCase("sigmoid", [[3, 4]]) { ($0[0] * 3).sigmoid() },
    GradientCheckCase("softplus", [[3, 4]]) { ($0[0] * 3).softplus() },
    GradientCheckCase("log sigmoid", [[3, 4]]) { ($0[0] * 3).logSigmoid() },
    GradientCheckCase("relu", [[3, 4]], .awayFromZero) { $0[0].relu() },
    GradientCheckCase("leaky relu", [[3, 4]], .awayFromZero) { $0[0].leakyRelu(slope: 0.2) },
    GradientCheckCase("elu", [[3, 4]], .awayFromZero) { $0[0].elu(alpha: 1.3) },
    GradientCheckCase("clamp", [[3, 4]], .awayFromZero) { $0[0].clamped(min: -1, max: 1) },
    GradientCheckCase("sum all", [[3, 4]]) { $0[0].sum() },
    GradientCheckCase("sum axis 0", [[3, 4]]) { $0[0].sum(alongAxes: [0]) },
    GradientCheckCase("sum axes 0 2 keepdims", [[2, 3, 4]]) { $0[0].sum(alongAxes: [0, 2], keepingDims: true) },
    GradientCheckCase("mean axis -1", [[2, 3, 4]]) { $0[0].mean(alongAxes: [-1]) },
    GradientCheckCase("max axis 1", [[3, 5]], .separated) { $0[0].max(alongAxes: [1]) },
    GradientCheckCase("max axes 0 2", [[2, 3, 4]], .separated) { $0[0].max(alongAxes: [0, 2], keepingDims: true) },
    GradientCheckCase("variance axis 0", [[5, 3]]) { $0[0].variance(alongAxes: [0]) },
    GradientCheckCase("log sum exp", [[3, 5]]) { ($0[0] * 4).logSumExp(alongAxes: [1]) },
    GradientCheckCase("softmax", [[3, 5]]) { $0[0].softmax(alongAxis: 1) },
    GradientCheckCase("log softmax axis 0", [[4, 3]]) { $0[0].logSoftmax(alongAxis: 0) },
    GradientCheckCase("matmul", [[3, 4], [4, 5]]) { matmul($0[0], $0[1]) },
    GradientCheckCase("matmul A^T", [[4, 3], [4, 5]]) { Variable.matmul($0[0], $0[1], transposeA: true) },
    GradientCheckCase("matmul B^T", [[3, 4], [5, 4]]) { Variable.matmul($0[0], $0[1], transposeB: true) },
    GradientCheckCase("matmul A^T B^T", [[4, 3], [5, 4]]) { Variable.matmul($0[0], $0[1], transposeA: true, transposeB: true) },
    GradientCheckCase("matmul narrow", [[9, 5], [5, 2]]) { matmul($0[0], $0[1]) },
    GradientCheckCase("linear", [[3, 4], [4, 5], [5]]) { Variable.linear($0[0], weight: $0[1], bias: $0[2]) },
    GradientCheckCase("linear without bias", [[3, 4], [4, 2]]) { Variable.linear($0[0], weight: $0[1], bias: nil) },
    GradientCheckCase("reshape", [[3, 4]]) { $0[0].reshaped([2, -1]) * $0[0].reshaped([2, 6]) },
    GradientCheckCase("transpose", [[3, 4]]) { $0[0].transposed() },
    GradientCheckCase("permute", [[2, 3, 4]]) { $0[0].permuted([2, 0, 1]) },
    GradientCheckCase("concatenate axis 1", [[2, 3], [2, 2]]) { Variable.concatenate([$0[0], $0[1], $0[0]], alongAxis: 1) },
    GradientCheckCase("slice axis 1", [[3, 6]]) { $0[0].slice(alongAxis: 1, 1..<4) },
    GradientCheckCase("rows with repeats", [[4, 3]]) { $0[0].rows(at: [2, 0, 2, 3]) },
    GradientCheckCase("scatter rows", [[3, 2]]) { $0[0].scatterRows([1, 1, 4], count: 5) },
    GradientCheckCase("gather class indices", [[4, 3]]) { $0[0].gather(classIndices: [2, 0, 1, 2]) },
    GradientCheckCase("broadcast to", [[3, 1]]) { $0[0].broadcast(to: [2, 3, 4]) },
    GradientCheckCase("sum to shape", [[2, 3, 4]]) { $0[0].sum(toShape: [3, 1]) },
    GradientCheckCase("select", [[3, 4], [3, 4]]) {
        Variable.select(Tensor(shape: [3, 4], scalars: (0..<12).map { Double($0 % 2) }), $0[0], $0[1])
    },
    GradientCheckCase("composite", [[4, 3], [3, 2], [2]]) { (matmul($0[0], $0[1]) + $0[2]).tanh().square().mean(alongAxes: [0]) },
    // Images [N, C, H, W], at odd sizes and rectangular kernels so that no index mix-up cancels out.
    GradientCheckCase("conv2d 3x3 padding 1", [[2, 3, 5, 4], [2, 3, 3, 3]]) { Variable.convolution2D($0[0], $0[1], padding: 1) },
    GradientCheckCase("conv2d 3x2 stride 2", [[1, 2, 7, 5], [3, 2, 3, 2]]) { Variable.convolution2D($0[0], $0[1], stride: 2) },
    GradientCheckCase("conv2d 1x1", [[2, 3, 3, 2], [2, 3, 1, 1]]) { Variable.convolution2D($0[0], $0[1]) },
    // More than four filters and columns: the transposed-columns path (the cases above are narrow).
    GradientCheckCase("conv2d 3x3 padding 1, 5 filters", [[2, 2, 4, 3], [5, 2, 3, 3]]) { Variable.convolution2D($0[0], $0[1], padding: 1) },
    GradientCheckCase("conv2d 3x2 stride 2, 6 filters", [[1, 3, 7, 7], [6, 3, 3, 2]]) { Variable.convolution2D($0[0], $0[1], stride: 2) },
    GradientCheckCase("im2col^T stride 2 padding 1", [[1, 2, 5, 3]]) { $0[0].im2colTransposed(ConvolutionGeometry(kernel: 3, stride: 2, padding: 1)) },
    GradientCheckCase("col2im^T stride 2 padding 1", [[18, 6]]) {
        $0[0].col2imTransposed(ConvolutionGeometry(kernel: 3, stride: 2, padding: 1), imageShape: [1, 2, 5, 3])
    },
    GradientCheckCase("im2col stride 2 padding 1", [[1, 2, 5, 3]]) { $0[0].im2col(ConvolutionGeometry(kernel: 3, stride: 2, padding: 1)) },
    GradientCheckCase("col2im stride 2 padding 1", [[6, 18]]) {
        $0[0].col2im(ConvolutionGeometry(kernel: 3, stride: 2, padding: 1), imageShape: [1, 2, 5, 3])
    },
    GradientCheckCase("upsample nearest x2", [[2, 3, 3, 2]]) { $0[0].upsampledNearest(factor: 2) },
    GradientCheckCase("upsample nearest x3 rank 3", [[2, 2, 3]]) { $0[0].upsampledNearest(factor: 3) },
    GradientCheckCase("sum pool x2", [[2, 2, 4, 6]]) { $0[0].sumPooled(factor: 2) },
    GradientCheckCase("average pool x2", [[1, 3, 4, 4]]) { $0[0].averagePooled(factor: 2) },
]

/// The smooth ops, whose Hessians exist everywhere on their domains.
public static let smoothOpCases: [GradientCheckCase] = [
    GradientCheckCase("multiply", [[3, 4], [4]]) { $0[0] * $0[1] },
    GradientCheckCase("divide", [[3, 4], [3, 4]], .positive) { $0[0] / $0[1] },
    GradientCheckCase("reciprocal", [[5]], .positive) { $0[0].reciprocal() },
    GradientCheckCase("exp", [[3, 4]]) { $0[0].exp() },
    GradientCheckCase("log", [[3, 4]], .positive) { $0[0].log() },
    GradientCheckCase("sqrt", [[3, 4]], .positive) { $0[0].sqrt() },
    GradientCheckCase("pow 2.5", [[3, 4]], .positive) { $0[0].pow(2.5) },
    GradientCheckCase("square", [[3, 4]]) { $0[0].square() },
    GradientCheckCase("tanh", [[3, 4]]) { $0[0].tanh() },
    GradientCheckCase("sigmoid", [[3, 4]]) { ($0[0] * 2).sigmoid() },
    GradientCheckCase("softplus", [[3, 4]]) { ($0[0] * 2).softplus() },
    GradientCheckCase("log sigmoid", [[3, 4]]) { ($0[0] * 2).logSigmoid() },
    GradientCheckCase("elu", [[3, 4]], .awayFromZero) { $0[0].elu() },
    GradientCheckCase("variance", [[5, 3]]) { $0[0].variance(alongAxes: [0]) },
    GradientCheckCase("log sum exp", [[3, 5]]) { $0[0].logSumExp(alongAxes: [1]) },
    GradientCheckCase("softmax", [[3, 5]]) { $0[0].softmax(alongAxis: 1) },
    GradientCheckCase("matmul then tanh", [[3, 4], [4, 5]]) { matmul($0[0], $0[1]).tanh() },
    GradientCheckCase("linear then tanh", [[3, 4], [4, 5], [5]]) { Variable.linear($0[0], weight: $0[1], bias: $0[2]).tanh() },
    GradientCheckCase("norm", [[4, 3]]) { $0[0].square().sum(alongAxes: [1]).sqrt() },
    GradientCheckCase("conv2d then tanh", [[1, 2, 4, 3], [2, 2, 3, 3]]) { Variable.convolution2D($0[0], $0[1], padding: 1).tanh() },
    GradientCheckCase("upsample then square", [[1, 2, 2, 3]]) { $0[0].upsampledNearest(factor: 2).square() },
    GradientCheckCase("average pool then square", [[1, 2, 4, 2]]) { $0[0].averagePooled(factor: 2).square() },
]
}
