import Testing
import Foundation
@testable import Autodiff

@Suite("Tensor square root")
struct TensorSquareRootTests {
    /// `Tensor.sqrt()` (LLVM's square root, vectorised) against `Double.squareRoot()` element by
    /// element, bit for bit, on seeded values over the whole range: zeros of both signs,
    /// subnormals, huge values, infinity; negative inputs and NaN must give NaN in both.
    @Test("Tensor.sqrt equals squareRoot() bit for bit", arguments: UInt64(0)..<20)
    func sqrtMatchesSquareRoot(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 1 + rng.nextInt(below: 500)
        let special: [Double] = [0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                                 .infinity, 1, 2, 4, -1, .nan]
        let values = Tensor.randomNormal([n], using: &rng).scalars.map { x -> Double in
            let pick = rng.nextInt(below: 8)
            if pick == 0 { return special[rng.nextInt(below: special.count)] }
            return Swift.abs(x) * Foundation.pow(10, Double(rng.nextInt(below: 601) - 300))
        }
        let roots = Tensor(shape: [n], scalars: values).sqrt().scalars
        for (x, r) in zip(values, roots) {
            let expected = x.squareRoot()
            #expect(expected.isNaN ? r.isNaN : r.bitPattern == expected.bitPattern, "seed \(seed) x \(x): \(r) vs \(expected)")
        }
    }
}
