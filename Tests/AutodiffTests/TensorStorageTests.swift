import Foundation
import Testing
@testable import Autodiff

@Suite("Tensor storage, encoding and broadcast plans")
struct TensorStorageTests {
    /// Writing through `scalars` from another module (as optimizers do) must mutate the array
    /// where it is stored; a property observer used to copy the whole array on every such write.
    @Test("writing through scalars keeps a uniquely held array in place, and copies stay apart")
    func inPlaceWrites() {
        var t = Tensor.zeros([64, 64])
        let before = t.scalars.withUnsafeBufferPointer { $0.baseAddress }
        t.scalars.withUnsafeMutableBufferPointer { $0[5] = 1 }
        t.scalars[6] = 2
        t[0, 7] = 3
        let after = t.scalars.withUnsafeBufferPointer { $0.baseAddress }
        #expect(before == after)
        #expect(Array(t.scalars[5...7]) == [1, 2, 3])
        let copy = t
        t.scalars[5] = -1                                   // copy on write: the copy keeps its value
        #expect(copy.scalars[5] == 1 && t.scalars[5] == -1)
    }

    @Test("a tensor encodes as shape and scalars and decodes to itself")
    func codableRoundTrip() throws {
        let t = Tensor(shape: [2, 3], scalars: [1, -2.5, 3, 0, 1e-300, 6])
        let data = try JSONEncoder().encode(t)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["shape", "scalars"])
        #expect(try JSONDecoder().decode(Tensor.self, from: data) == t)
    }

    @Test("decoding a tensor whose scalars do not fill its shape throws")
    func corruptTensorThrows() {
        for json in [#"{"shape": [2, 3], "scalars": [1, 2, 3]}"#, #"{"shape": [-1], "scalars": []}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tensor.self, from: Data(json.utf8)) }
        }
    }

    /// The plan is what makes the common broadcasts run as contiguous rows.
    @Test("broadcast plans merge axes into the longest runs")
    func broadcastPlans() {
        func plan(_ a: [Int], _ b: [Int]) -> BroadcastPlan {
            let out = Tensor.broadcastShape(a, b, op: "test")
            return BroadcastPlan(out, Tensor.broadcastStrides(a, to: out), Tensor.broadcastStrides(b, to: out))
        }
        // [N, F] + [F]: N runs of F, b restarting at 0 in each run.
        let bias = plan([256, 128], [128])
        #expect(bias.outer == [256] && bias.outerStridesA == [128] && bias.outerStridesB == [0])
        #expect(bias.inner == 128 && bias.innerStrideA == 1 && bias.innerStrideB == 1)
        // [N, F] * [N, 1]: N runs of F along which b repeats.
        let column = plan([256, 128], [256, 1])
        #expect(column.outer == [256] && column.outerStridesB == [1] && column.inner == 128 && column.innerStrideB == 0)
        // [2, 3, 4] - [3, 1]: 6 runs of 4 over two outer axes.
        let mixed = plan([2, 3, 4], [3, 1])
        #expect(mixed.outer == [2, 3] && mixed.inner == 4 && mixed.innerStrideA == 1 && mixed.innerStrideB == 0)
        // [2, 1, 3, 4] + [1, 1, 3, 4]: size-1 axes dropped, the rest merged into one run of 12 per outer step.
        let merged = plan([2, 1, 3, 4], [1, 1, 3, 4])
        #expect(merged.outer == [2] && merged.inner == 12 && merged.outerStridesB == [0])
        // Everything of size 1: one run of one element.
        let one = plan([1, 1], [1])
        #expect(one.outer.isEmpty && one.inner == 1)
    }

    @Test("the allocator is tuned once on glibc")
    func allocatorTuning() {
        #if canImport(Glibc)
        #expect(AllocatorTuning.applied)
        #else
        #expect(!AllocatorTuning.applied)
        #endif
    }
}
