// The GANNotesCLI module; see docs/architecture.md.
