import ArgumentParser
import ProofmintWallet

/// `--out FILE` and `--force`, shared by the commands that sign something into a file (`tx sign`, `receipt sign`,
/// `attest`), so each refuses to overwrite the same way and before any password is asked for.
struct OutFileOptions: ParsableArguments {
    @Option(name: .customLong("out"), help: ArgumentHelp("File to write the signed file to.", valueName: "FILE"))
    var path: String

    @Flag(name: .customLong("force"), help: "Overwrite --out if it exists.")
    var force = false

    /// Throws when `--out` exists and `--force` was not given.
    func refuseToOverwrite() throws {
        if !force && FileSystem.exists(path) {
            throw CommandFailure("\(path) already exists; choose another --out FILE or pass --force to overwrite it")
        }
    }
}
