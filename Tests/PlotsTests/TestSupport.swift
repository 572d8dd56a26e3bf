import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Plots

/// SplitMix64 (Steele, Lea, Flood 2014): PlotsTests cannot import Autodiff's generator, and tests
/// need seeded draws so that a failure names a case that can be replayed.
struct TestGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

/// The data area of a plain terminal figure, read back from its text: the rows between the two
/// `+----+` border lines, without the label margin and the `|` borders. `nil` if the layout is
/// not found (so a broken frame fails the test instead of trapping).
func dataArea(of text: String) -> [[Character]]? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    func isBorder(_ line: [Character]) -> Bool {
        let body = line.drop { $0 == " " }
        return body.count >= 3 && body.first == "+" && body.last == "+" && body.dropFirst().dropLast().allSatisfy { $0 == "-" }
    }
    let borders = lines.indices.filter { isBorder(lines[$0]) }
    guard borders.count == 2, let left = lines[borders[0]].firstIndex(of: "+") else { return nil }
    let width = lines[borders[0]].count - left - 2
    var rows: [[Character]] = []
    for line in lines[(borders[0] + 1)..<borders[1]] {
        guard line.count == left + width + 2, line[left] == "|", line.last == "|" else { return nil }
        rows.append(Array(line[(left + 1)..<(left + 1 + width)]))
    }
    return rows
}

/// Every (row, column) of the data area holding `glyph`.
func cells(of glyph: Character, in area: [[Character]]) -> [Cell] {
    var found: [Cell] = []
    for (row, line) in area.enumerated() {
        for (column, character) in line.enumerated() where character == glyph {
            found.append(Cell(row: row, column: column))
        }
    }
    return found
}

struct Cell: Equatable, CustomStringConvertible {
    var row: Int
    var column: Int
    var description: String { "(row \(row), column \(column))" }
}

/// What an SVG document holds, read by Foundation's XMLParser: whether it parsed, how many of
/// each element, the text of every `<text>`, and elements inside a `crispEdges` group or a
/// legend group (`class="legend"`).
final class SVGSummary: NSObject, XMLParserDelegate {
    private(set) var parsed = false
    private(set) var error: String?
    private(set) var elementCounts: [String: Int] = [:]
    private(set) var texts: [String] = []
    private(set) var rectsInCrispGroups = 0
    private(set) var legendCounts: [String: Int] = [:]
    private(set) var rootAttributes: [String: String] = [:]
    private var openText: String?
    private var crispDepth = 0
    private var depth = 0
    private var groupIsCrisp: [Bool] = []
    private var groupIsLegend: [Bool] = []
    private var legendDepth = 0

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        parsed = parser.parse()
        if !parsed { error = parser.parserError.map { "\($0)" } ?? "unknown parse error" }
    }

    func count(_ element: String) -> Int { elementCounts[element, default: 0] }

    /// Elements drawn outside legends: the plotted marks.
    func plotCount(_ element: String) -> Int { count(element) - legendCounts[element, default: 0] }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elementCounts[name, default: 0] += 1
        if name == "svg" && rootAttributes.isEmpty { rootAttributes = attributes }
        if name == "text" { openText = "" }
        if name == "g" {
            let crisp = attributes["shape-rendering"] == "crispEdges"
            groupIsCrisp.append(crisp)
            if crisp { crispDepth += 1 }
            let legend = attributes["class"] == "legend"
            groupIsLegend.append(legend)
            if legend { legendDepth += 1 }
        }
        if legendDepth > 0 { legendCounts[name, default: 0] += 1 }
        if name == "rect" && crispDepth > 0 { rectsInCrispGroups += 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        openText? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let text = openText {
            texts.append(text)
            openText = nil
        }
        if name == "g", let crisp = groupIsCrisp.popLast(), crisp { crispDepth -= 1 }
        if name == "g", let legend = groupIsLegend.popLast(), legend { legendDepth -= 1 }
    }
}

/// Uniform random points in a box.
func randomPoints(_ count: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
                  using rng: inout TestGenerator) -> [PlotPoint] {
    (0..<count).map { _ in PlotPoint(x: rng.uniform(x), y: rng.uniform(y)) }
}

let escapeByte: UInt8 = 0x1B
