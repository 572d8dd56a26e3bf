import Foundation

/// The folder of lessons: one subfolder `NN-slug` per lesson, holding its `README.md`.
///
/// ```
/// Lessons/
///   00-getting-started/README.md
///   01-original-gan/README.md
/// ```
///
/// Folders whose name is not `NN-slug` or that hold no `README.md` are ignored, so a lesson can
/// keep figures or notes next to its text.
public struct LessonLibrary: Equatable, Sendable {
    /// The environment variable that points to the lessons folder, overriding the search.
    public static let environmentVariable = "GAN_NOTES_LESSONS"

    /// The absolute path of the lessons folder.
    public var directory: String

    public init(directory: String) { self.directory = directory }

    /// All lessons, parsed, in order of their number (then slug).
    ///
    /// - Throws: ``LessonError`` if the folder cannot be read, or a lesson cannot be read or parsed.
    public func lessons() throws(LessonError) -> [Lesson] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw LessonError("cannot read the lessons folder '\(directory)'")
        }
        var lessons: [Lesson] = []
        for name in names {
            guard let folder = LessonLibrary.numberAndSlug(name) else { continue }
            let path = directory + "/" + name + "/README.md"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw LessonError("cannot read '\(path)' as UTF-8 text")
            }
            lessons.append(try Lesson(number: folder.number, slug: folder.slug, markdown: text, source: path))
        }
        return lessons.sorted { ($0.number, $0.slug) < ($1.number, $1.slug) }
    }

    /// `01-original-gan` -> (1, `original-gan`); `nil` for names not of the form `NN-slug`.
    static func numberAndSlug(_ name: String) -> (number: Int, slug: String)? {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        let rest = name.dropFirst(digits.count)
        guard let number = Int(digits), rest.hasPrefix("-"), rest.count > 1 else { return nil }
        return (number, String(rest.dropFirst()))
    }

    /// Finds the lessons folder, trying in order:
    /// 1. `$GAN_NOTES_LESSONS`, relative to `currentDirectory` if not absolute;
    /// 2. the nearest `Lessons` folder in `currentDirectory` or a folder above it;
    /// 3. the `Lessons` folder of the package this file was compiled from (found through
    ///    `#filePath`), so `gan-notes lesson` works from any directory on the machine that built it.
    ///
    /// - Throws: ``LessonError`` if `$GAN_NOTES_LESSONS` is set but is not a folder, or no folder
    ///   is found.
    public static func locate(environment: [String: String], currentDirectory: String) throws(LessonError) -> LessonLibrary {
        if let override = environment[environmentVariable], !override.isEmpty {
            let path = absolute(override, from: currentDirectory)
            guard isDirectory(path) else {
                throw LessonError("\(environmentVariable) is '\(override)', which is not a folder; "
                    + "set it to the Lessons folder of GANNotes")
            }
            return LessonLibrary(directory: path)
        }
        var folder = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent("Lessons").path
            if isDirectory(candidate) { return LessonLibrary(directory: candidate) }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        // This file is <package>/Sources/GANNotesCLI/LessonLibrary.swift.
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let packaged = package.appendingPathComponent("Lessons").path
        if isDirectory(packaged) { return LessonLibrary(directory: packaged) }
        throw LessonError("cannot find the Lessons folder; run from the GANNotes folder "
            + "or set \(environmentVariable) to the path of its Lessons folder")
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func absolute(_ path: String, from directory: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }
}
