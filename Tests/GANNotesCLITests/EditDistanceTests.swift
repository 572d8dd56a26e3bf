import Testing
@testable import GANNotesCLI

@Suite("Edit distance and suggestions")
struct EditDistanceTests {
    @Test("Known distances")
    func knownAnswers() {
        #expect(editDistance("kitten", "sitting") == 3)   // k->s, e->i, +g
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("abc", "") == 3)
        #expect(editDistance("flaw", "lawn") == 2)        // -f, +n
        #expect(editDistance("ab", "ba") == 1)            // one swap, where Levenshtein counts 2
        #expect(editDistance("trian", "train") == 1)
        // Optimal string alignment may not edit a substring twice, so "ca" -> "abc" costs 3, not 2.
        #expect(editDistance("ca", "abc") == 3)
    }

    /// Every string over {a, b, c} of length at most 3: 40 strings, 1600 pairs.
    static let smallStrings: [String] = {
        var all = [""]
        var layer = [""]
        for _ in 1...3 {
            layer = layer.flatMap { prefix in ["a", "b", "c"].map { prefix + $0 } }
            all += layer
        }
        return all
    }()

    @Test("Zero exactly on equal strings, symmetric, and between the length difference and the longer length")
    func metricBounds() {
        for a in Self.smallStrings {
            for b in Self.smallStrings {
                let d = editDistance(a, b)
                #expect((d == 0) == (a == b), "'\(a)' '\(b)'")
                #expect(d == editDistance(b, a), "'\(a)' '\(b)'")
                #expect(abs(a.count - b.count) <= d && d <= max(a.count, b.count), "'\(a)' '\(b)' d=\(d)")
            }
        }
    }

    @Test("One insertion, deletion, substitution or adjacent swap is distance 1")
    func singleEdits() {
        let word = Array("objective")
        for i in word.indices {
            var deleted = word; deleted.remove(at: i)
            var inserted = word; inserted.insert("x", at: i)
            var substituted = word; substituted[i] = "z"
            #expect(editDistance(String(word), String(deleted)) == 1, "delete at \(i)")
            #expect(editDistance(String(word), String(inserted)) == 1, "insert at \(i)")
            #expect(editDistance(String(word), String(substituted)) == 1, "substitute at \(i)")
            if i + 1 < word.count, word[i] != word[i + 1] {
                var swapped = word; swapped.swapAt(i, i + 1)
                #expect(editDistance(String(word), String(swapped)) == 1, "swap at \(i)")
            }
        }
    }

    @Test("The closest name is suggested only when it is close")
    func suggestions() {
        let flags = ["--steps", "--seed", "--batch", "--lr"]
        #expect(closestMatch(to: "--step", among: flags) == "--steps")
        #expect(closestMatch(to: "--stpes", among: flags) == "--steps")
        #expect(closestMatch(to: "--bach", among: flags) == "--batch")
        #expect(closestMatch(to: "--verbose", among: flags) == nil)
        #expect(closestMatch(to: "foo", among: ["gan", "wgan"]) == nil)
        #expect(closestMatch(to: "TRAIN", among: ["lesson", "train"]) == "train")
        // A tie goes to the earlier name.
        #expect(closestMatch(to: "gbn", among: ["gan", "gen"]) == "gan")
        #expect(closestMatch(to: "x", among: []) == nil)
    }
}
