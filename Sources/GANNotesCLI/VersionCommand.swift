extension Command {
    /// `gan-notes version`: the version number.
    public static let version = Command(
        name: "version",
        abstract: "Print the version of gan-notes."
    ) { _, context in
        context.io.print("gan-notes \(GANNotes.version)")
        return ExitStatus.success
    }
}
