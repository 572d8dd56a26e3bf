import Testing
import Autodiff
@testable import NeuralNet

@Suite("LinearMaxout")
struct LinearMaxoutTests {
    /// `h_j = max_k (x W[:, j p + k] + b[j p + k])`, written as loops over rows, units and pieces.
    static func directMaxout(_ x: Tensor, _ layer: LinearMaxout) -> [[Double]] {
        let w = layer.linear.weight.value, b = layer.linear.bias!.value
        let n = x.shape[0], inputs = x.shape[1], wide = w.shape[1]
        return (0..<n).map { row in
            (0..<layer.outputSize).map { unit in
                (0..<layer.pieces).map { piece in
                    let column = unit * layer.pieces + piece
                    var s = b.scalars[column]
                    for i in 0..<inputs { s += x.scalars[row * inputs + i] * w.scalars[i * wide + column] }
                    return s
                }.max()!
            }
        }
    }

    @Test("equals a direct loop over units and pieces", arguments: 0..<20)
    func matchesLoop(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let inputs = 1 + Int(rng.next() % 5), units = 1 + Int(rng.next() % 6), pieces = 1 + Int(rng.next() % 5)
        let layer = LinearMaxout(inputs, units, pieces: pieces, initialization: .pytorchDefault, using: &rng)
        let x = Tensor.randomNormal([7, inputs], using: &rng)
        let out = layer(Variable(x), training: true).value
        #expect(out.shape == [7, units], "seed \(seed)")
        let expected = Self.directMaxout(x, layer)
        for r in 0..<7 {
            for j in 0..<units {
                #expect(Swift.abs(out.scalars[r * units + j] - expected[r][j]) < 1e-12,
                        "seed \(seed): row \(r) unit \(j) gave \(out.scalars[r * units + j]), loop \(expected[r][j])")
            }
        }
    }

    @Test("with one piece it is its Linear layer")
    func onePieceIsLinear() {
        var rng = SeededGenerator(seed: 3)
        let layer = LinearMaxout(4, 3, pieces: 1, using: &rng)
        let x = Variable(Tensor.randomNormal([5, 4], using: &rng))
        #expect(layer(x, training: false).value == layer.linear(x).value)
    }

    @Test("has (in + 1) out pieces parameters")
    func parameterCount() {
        var rng = SeededGenerator(seed: 1)
        #expect(LinearMaxout(8, 200, pieces: 5, using: &rng).parameterCount == 9 * 200 * 5)
    }
}
