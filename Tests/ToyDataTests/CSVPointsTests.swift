import Testing
import Autodiff
@testable import ToyData

@Suite("Reading points from CSV")
struct CSVPointsTests {
    @Test("a header, comments, blank lines and CRLF endings are handled; values come back in order")
    func goodFile() throws {
        let text = "# made by hand\r\nx, y\r\n\r\n1, 2\r\n-3.5,4e-1\r\n# trailing comment\r\n5,6\r\n"
        let t = try CSVPoints.parse(text, source: "t.csv")
        #expect(t.shape == [3, 2])
        #expect(t.scalars == [1, 2, -3.5, 0.4, 5, 6])
    }

    @Test("without a header the first line is data; columns are chosen by number or by name")
    func columns() throws {
        #expect(try CSVPoints.parse("1,2,3\n4,5,6\n", source: "t").scalars == [1, 2, 4, 5])
        #expect(try CSVPoints.parse("1,2,3\n4,5,6\n", source: "t", columns: ["3", "1"]).scalars == [3, 1, 6, 4])
        #expect(try CSVPoints.parse("a,b,c\n1,2,3\n4,5,6\n", source: "t", columns: ["c"]).shape == [2, 1])
        #expect(try CSVPoints.parse("a,b,c\n1,2,3\n4,5,6\n", source: "t", columns: ["b", "a"]).scalars == [2, 1, 5, 4])
    }

    @Test("each malformed file is refused with one line naming the line and the column", arguments: [
        ("x,y\n1,2\n3,abc\n", nil, "t.csv line 3, column 2 ('y'): 'abc' is not a number"),
        ("1,2\n3,nan\n", nil, "t.csv line 2, column 2: nan is not finite; every value must be a finite number"),
        ("1,2\n-inf,3\n", nil, "t.csv line 2, column 1: -inf is not finite"),
        ("1,2\n3\n", nil, "t.csv line 2: has 1 columns, column 2 is missing"),
        ("# only a comment\n1,2\n", nil, "t.csv has 1 point; at least 2 are needed"),
        ("x,y\n", nil, "t.csv has 0 points; at least 2 are needed"),
        ("a,b\n1,2\n3,4\n", ["z"], "t.csv line 1: no column 'z'; the header has: a, b"),
        ("1,2\n3,4\n", ["5"], "t.csv line 1: no column '5'; use a column number from 1 to 2"),
        ("1,2\n3,4\n", ["1", "2", "1"], "--data-column takes one or two columns, got 3"),
    ] as [(String, [String]?, String)])
    func badFiles(_ text: String, _ columns: [String]?, _ expected: String) {
        #expect {
            try CSVPoints.parse(text, source: "t.csv", columns: columns)
        } throws: { error in
            (error as? CSVPoints.ReadError)?.message.hasPrefix(expected) == true
        }
    }

    @Test("the empirical distribution samples only its own points, each about equally often")
    func empiricalSampling() {
        let points = Tensor(rows: [[0, 0], [1, 0], [0, 1]])
        let d = EmpiricalDistribution(points: points, name: "csv:t.csv")
        var rng = SeededGenerator(seed: 4)
        let s = d.sample(count: 3000, using: &rng).points
        var counts = [0, 0, 0]
        for row in s.rows { counts[points.rows.firstIndex(of: row)!] += 1 }
        // Binomial(3000, 1/3): sd ~ 25.8; allow 5 sd.
        #expect(counts.allSatisfy { abs($0 - 1000) < 130 }, "\(counts)")
        #expect(d.modes == nil && d.dimension == 2)
    }
}
