import Foundation

/// The files one command will write, checked before any work and written together at its end.
///
/// Checked before the run, each as a ``UsageError`` naming the option: every output can be
/// written (``AtomicFile/destinationProblem(_:)``: a regular file or absent, in an existing,
/// writable directory), no two outputs name the same file, and no output is a file the run reads
/// (`--resume r.ckpt --json r.ckpt` would destroy the checkpoint it resumes). "The same file" is
/// decided by device and inode when the file exists (so `./r.ckpt`, `r.ckpt` and a hard link
/// agree), else by the resolved directory and name. Stale temporaries of killed runs in the
/// output directories are removed.
///
/// ``commit(_:)`` writes every temporary first and renames them only when all were written: a
/// full disk leaves every old file in place, and a kill can only fall between two renames.
///
/// ```
/// let plan = try OutputPlan(command: "train", outputs: [("--json", "p"), ("--save", "p")], inputs: [])
/// // throws: gan-notes train: --json and --save both name 'p'; give each output its own file
/// ```
public struct OutputPlan {
    /// The option (`--json`) and the path of each planned output, in the order given.
    public let outputs: [(flag: String, path: String)]

    public init(command: String, outputs: [(flag: String, path: String?)],
                inputs: [(flag: String, path: String?)]) throws {
        let planned = outputs.compactMap { o in o.path.map { (flag: o.flag, path: $0) } }
        var seen: [(flag: String, path: String, identity: FileIdentity)] = []
        for input in inputs { if let path = input.path { seen.append((input.flag, path, FileIdentity(path))) } }
        let inputCount = seen.count
        for (flag, path) in planned {
            if let problem = AtomicFile.destinationProblem(path) {
                throw UsageError.invalidValue("\(flag) '\(path)': \(problem)", command: command)
            }
            let identity = FileIdentity(path)
            if let index = seen.firstIndex(where: { $0.identity == identity }) {
                let other = seen[index]
                throw UsageError.invalidValue(index < inputCount
                    ? "\(flag) '\(path)' is the file \(other.flag) reads; write to another file"
                    : "\(other.flag) and \(flag) both name '\(path)'; give each output its own file", command: command)
            }
            seen.append((flag, path, identity))
        }
        for directory in Set(planned.map { AtomicFile.directoryOf($0.path) }) {
            AtomicFile.removeStaleTemporaries(in: directory)
        }
        self.outputs = planned
    }

    /// Throws a ``UsageError`` if `input` (an input found after planning, like the data file a
    /// checkpoint names) is one of the planned outputs.
    public func refuseOverwriting(_ input: (flag: String, path: String?), command: String) throws {
        guard let path = input.path else { return }
        let identity = FileIdentity(path)
        if let output = outputs.first(where: { FileIdentity($0.path) == identity }) {
            throw UsageError.invalidValue("\(output.flag) '\(output.path)' is the file \(input.flag) reads; write to another file",
                                          command: command)
        }
    }

    /// Whether `flag` has an output in this plan.
    public func contains(_ flag: String) -> Bool { outputs.contains { $0.flag == flag } }

    /// Writes each planned output's content (`contents[flag]`; outputs without content are
    /// skipped): all temporaries first, then the renames, in plan order. On a failed write the
    /// temporaries are removed and no destination has changed.
    ///
    /// - Returns: the paths written, in order.
    @discardableResult
    public func commit(_ contents: [String: Data]) throws(AtomicFile.WriteError) -> [String] {
        var temporaries: [(temporary: String, path: String)] = []
        for (flag, path) in outputs {
            guard let data = contents[flag] else { continue }
            do { temporaries.append((try AtomicFile.writeTemporary(data, for: path), path)) } catch {
                for t in temporaries { unlink(t.temporary) }
                throw error
            }
        }
        for (index, t) in temporaries.enumerated() {
            do { try AtomicFile.commit(t.temporary, to: t.path) } catch {
                for rest in temporaries[(index + 1)...] { unlink(rest.temporary) }
                throw error
            }
        }
        return temporaries.map(\.path)
    }
}

/// What makes two paths the same file: device and inode for an existing file, else the
/// directory's resolved path and the name.
enum FileIdentity: Equatable {
    case inode(device: UInt64, inode: UInt64)
    case name(String)

    init(_ path: String) {
        var status = stat()
        if stat(path, &status) == 0 {
            self = .inode(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        } else {
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL.path
            self = .name(directory + "/" + url.lastPathComponent)
        }
    }
}
