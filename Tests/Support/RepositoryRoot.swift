import Foundation

/// The repository's top folder (where Package.swift is), for tests that read committed files (docs, genesis,
/// fixtures) wherever their own source file sits.
public enum RepositoryRoot {
    public static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
