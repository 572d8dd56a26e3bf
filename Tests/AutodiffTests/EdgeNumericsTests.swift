import Foundation
import Testing
@testable import Autodiff

/// Values at the edges of `Double`, checked against exact arithmetic: derivatives that must not
/// cancel, branches that must not leak, states that must not be trusted.
@Suite("Numerics at the edges")
struct EdgeNumericsTests {
    @Test("ELU's derivative for very negative x is alpha e^x to full relative precision (not out + alpha, which cancels)",
          arguments: [-1.0, -20, -36, -40, -300, -745])
    func eluDerivativeFarLeft(x: Double) {
        let alpha = 1.3
        let v = Variable(parameter: Tensor([x, 2]))
        let g = gradients(of: v.elu(alpha: alpha).sum(), wrt: [v])[0].value.scalars
        let exact = alpha * Foundation.exp(x)
        #expect(Swift.abs(g[0] - exact) <= 1e-14 * exact + Double.leastNonzeroMagnitude, "x = \(x): \(g[0]) vs \(exact)")
        #expect(g[1] == 1)
    }

    @Test("ELU's second derivative is alpha e^x on the left and 0 on the right, with no overflow for large x")
    func eluSecondDerivative() {
        let v = Variable(parameter: Tensor([-3, 800]))
        let first = gradients(of: v.elu().sum(), wrt: [v], createGraph: true)[0]
        let second = gradients(of: first.sum(), wrt: [v])[0].value.scalars
        #expect(Swift.abs(second[0] - Foundation.exp(-3)) < 1e-15)
        #expect(second[1] == 0)
    }

    @Test("select takes each element from one branch: inf and NaN in the branch not taken reach neither value nor gradient")
    func selectDoesNotLeak() {
        let mask = Tensor([1, 0, 1, 0])
        let a = Variable(parameter: Tensor([1, .infinity, 3, .nan]))
        let b = Variable(parameter: Tensor([.nan, 2, -.infinity, 4]))
        let y = Variable.select(mask, a, b)
        #expect(y.value.scalars == [1, 2, 3, 4])
        let g = gradients(of: (y * y).sum(), wrt: [a, b])
        #expect(g[0].value.scalars == [2, 0, 6, 0])
        #expect(g[1].value.scalars == [0, 4, 0, 8])
    }

    @Test("an all-zero generator state (xoshiro's fixed point) is refused on decoding; saved states round-trip")
    func zeroStateRefused() throws {
        let zero = Data(#"{"s0":0,"s1":0,"s2":0,"s3":0}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SeededGenerator.self, from: zero) }
        var g = SeededGenerator(seed: 9)
        _ = g.next()
        var back = try JSONDecoder().decode(SeededGenerator.self, from: JSONEncoder().encode(g))
        #expect(back.next() == g.next())
    }

    @Test("a tensor whose shape's product overflows is refused on decoding, not trapped on")
    func overflowingShapeRefused() {
        let json = Data(#"{"shape":[4294967296,4294967296],"scalars":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tensor.self, from: json) }
        let negative = Data(#"{"shape":[-1,0],"scalars":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tensor.self, from: negative) }
    }
}
