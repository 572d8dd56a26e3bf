import Foundation
import Testing
@testable import Autodiff

@Suite("The graph: detach, no-grad scopes, shared nodes")
struct GraphTests {
    @Test("gradients from several paths are summed")
    func sharedNodes() {
        let x = Variable(parameter: Tensor([3]))
        let y = x * x + x * 2 + x.exp()          // dy/dx = 2x + 2 + e^x
        let g = gradients(of: y.sum(), wrt: [x])[0].value.scalar
        #expect(Swift.abs(g - (8 + Foundation.exp(3))) < 1e-12)
    }

    @Test("detach stops the gradient; the same expression without detach does not")
    func detachStopsGradient() {
        let x = Variable(parameter: Tensor([2]))
        let y = (x * x.detached()).sum()          // d/dx = x (the detached factor is a constant)
        #expect(gradients(of: y, wrt: [x])[0].value.scalar == 2)
        let z = (x * x).sum()
        #expect(gradients(of: z, wrt: [x])[0].value.scalar == 4)
    }

    @Test("inside withoutGradients nothing is recorded")
    func noGradScope() {
        let w = Variable(parameter: Tensor([1, 2]))
        let y = withoutGradients { (w * w).sum() }
        #expect(!y.requiresGradient)
        #expect(y.inputs.isEmpty)
        #expect((w * w).sum().requiresGradient)
        #expect(GradientMode.isRecording)
    }

    @Test("a variable y does not depend on gets a zero gradient of its shape")
    func unrelatedInput() {
        let x = Variable(parameter: Tensor([1, 2])), u = Variable(parameter: Tensor.ones([2, 3]))
        let g = gradients(of: x.sum(), wrt: [x, u])
        #expect(g[1].value == Tensor.zeros([2, 3]))
        #expect(g[0].value == Tensor([1, 1]))
    }

    @Test("input gradients of a critic do not touch its weights' branch")
    func prunedBackwardPass() {
        // y = sum(x W): asking only for dy/dx must not run W's side of the matmul rule, and the
        // result must still be exact: dy/dx = row sums of W, repeated per row of x.
        let w = Variable(parameter: Tensor(rows: [[1, 2, 3], [4, 5, 6]]))
        let x = Variable(parameter: Tensor(rows: [[1, 1], [2, -1]]))
        let g = gradients(of: matmul(x, w).sum(), wrt: [x])[0].value
        #expect(g == Tensor(rows: [[6, 15], [6, 15]]))
    }

    @Test("a vector-Jacobian product with an explicit seed")
    func explicitSeed() {
        let x = Variable(parameter: Tensor([1, 2, 3]))
        let g = gradients(of: x.square(), wrt: [x], seed: Tensor([1, 0, -1]))[0].value
        #expect(g == Tensor([2, 0, -6]))
    }

    @Test("assign replaces a leaf's value and keeps its shape")
    func assignLeaf() {
        let p = Variable(parameter: Tensor([1, 2]))
        p.assign(Tensor([3, 4]))
        p.updateValue { $0.scalars[0] = 9 }
        #expect(p.value == Tensor([9, 4]))
    }

    /// `max`'s documented subgradient at a tie: each of the k maximal elements gets 1/k of the
    /// upstream gradient, so `d max / dx` still sums to 1 and agrees with `sum` on a constant row.
    @Test("max shares its gradient equally among tied maxima, row by row")
    func maxTies() {
        let x = Variable(parameter: Tensor(rows: [[3, 1, 3], [2, 2, 2], [0, 5, -1]]))          // ties: 2, 3 and 1 per row
        let g = gradients(of: (x.max(alongAxes: [1]) * Variable(Tensor([1, 2, 3]))).sum(), wrt: [x])[0].value
        #expect(g == Tensor(rows: [[0.5, 0, 0.5], [2.0 / 3, 2.0 / 3, 2.0 / 3], [0, 3, 0]]))
        let whole = gradients(of: x.max(alongAxes: [0, 1]), wrt: [x])[0].value       // one maximum, 5
        #expect(whole.scalars == [0, 0, 0, 0, 0, 0, 0, 1, 0])
    }
}
