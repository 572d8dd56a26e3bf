import Testing
@testable import Autodiff

@Suite("The fused linear op and selective pullbacks")
struct LinearOpTests {
    /// `Tensor.linear` writes the bias first and accumulates the product onto it; it must equal
    /// `matmul(x, W) + b`, including depths past one gemm depth block and 1-4 outputs.
    @Test("linear equals matmul plus the broadcast bias", arguments: UInt64(0)..<10)
    func linearEqualsMatmulPlusBias(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for (n, k, m) in [(1 + rng.nextInt(below: 40), 1 + rng.nextInt(below: 40), 1 + rng.nextInt(below: 40)),
                          (17, Kernels.depthBlock + 1 + rng.nextInt(below: 100), 33),
                          (1 + rng.nextInt(below: 70), 1 + rng.nextInt(below: 70), 1 + rng.nextInt(below: Kernels.narrowLimit))] {
            let x = Tensor.randomNormal([n, k], using: &rng)
            let w = Tensor.randomNormal([k, m], using: &rng)
            let b = Tensor.randomNormal([m], using: &rng)
            let fused = Tensor.linear(x, weight: w, bias: b), separate = Tensor.matmul(x, w) + b
            #expect(fused.maxAbsoluteDifference(separate) <= 1e-12 * Double(k), "seed \(seed) n \(n) k \(k) m \(m)")
            #expect(Tensor.linear(x, weight: w, bias: nil) == Tensor.matmul(x, w), "seed \(seed)")
        }
    }

    /// The WGAN-GP penalty of a critic built from `Variable.linear` and ReLU (the layers `MLP`
    /// uses) has a gradient that needs the derivative of linear's and relu's backward rules.
    @Test("the gradient penalty of a linear-ReLU critic passes the first-order check of its parameters", arguments: UInt64(0)..<10)
    func gradientPenaltyThroughLinearAndRelu(seed: UInt64) {
        var rng = SeededGenerator(seed: seed &+ 99)
        let points = Tensor.randomNormal([5, 2], using: &rng)
        func critic(_ p: [Variable], _ x: Variable) -> Variable {
            let h1 = Variable.linear(x, weight: p[0], bias: p[1]).relu()         // [N, 6]
            let h2 = Variable.linear(h1, weight: p[2], bias: p[3]).relu()        // [N, 6]
            return Variable.linear(h2, weight: p[4], bias: p[5])                 // [N, 1]
        }
        func penalty(_ p: [Variable]) -> Variable {
            let x = Variable(parameter: points)                                  // [N, 2]
            let dx = gradients(of: critic(p, x).sum(), wrt: [x], createGraph: true)[0]
            return ((dx.square().sum(alongAxes: [1]) + 1e-12).sqrt() - 1).square().mean()
        }
        let result = GradientCheck.check(penalty, at: criticParameters(seed: seed))
        #expect(result.passes(tolerance: 1e-6), "seed \(seed): \(result)")
    }

    /// A rule that reads `wanted` must still return every gradient asked for, whatever subset of
    /// inputs the caller differentiates with respect to (a mixed-up index would give zeros or a
    /// gradient of the wrong input).
    @Test("gradients with respect to any one input equal that input's share of the full gradients", arguments: [
        "linear", "linear without bias", "matmul", "matmul A^T", "matmul B^T", "matmul narrow",
        "add broadcast row", "subtract broadcast", "multiply broadcast", "divide broadcast",
    ])
    func subsetsOfInputs(_ name: String) throws {
        let op = try #require(GradientCheck.opCases.first { $0.name == name })
        let inputs = op.inputs(seed: 3)
        var rng = SeededGenerator(seed: 4)
        let outShape = withoutGradients { op.apply(inputs.map { Variable($0) }).shape }
        let w = Tensor.randomNormal(outShape, using: &rng)
        for createGraph in [false, true] {
            let all = inputs.map { Variable(parameter: $0) }
            let full = gradients(of: (op.apply(all) * w).sum(), wrt: all, createGraph: createGraph).map(\.value)
            for i in inputs.indices {
                let vars = inputs.map { Variable(parameter: $0) }
                let one = gradients(of: (op.apply(vars) * w).sum(), wrt: [vars[i]], createGraph: createGraph)[0].value
                #expect(one == full[i], "\(op.name) input \(i) createGraph \(createGraph)")
            }
        }
    }
}
