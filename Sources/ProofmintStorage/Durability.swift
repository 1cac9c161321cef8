/// How hard each commit insists on reaching the disk. Parsed once where the operator names it (a CLI flag), so a
/// misspelt value is refused there instead of quietly becoming `full`.
public enum Durability: String, CaseIterable, Sendable {
    /// fsync data and meta pages on every commit (default): a power cut loses nothing committed.
    case full
    /// Skip the meta-page fsync: a power cut may undo the last commit, never corrupt.
    case meta
    /// No fsync: a process crash loses nothing, a power cut may lose recent commits.
    case none
}
