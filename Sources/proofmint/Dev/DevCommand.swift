import ArgumentParser

/// `proofmint dev …`: the devnet tools of a node started with `--dev-control` on a devnet chain (docs/RPC.md,
/// "Devnet tools"; docs/COOKBOOK.md shows them in use).
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Devnet tools: mine blocks fast, move block time, switch the mining mode, fund an address from the faucet, snapshot and revert.",
        discussion: "The node must run with --dev-control on a devnet chain (genesis/devnet.json, or a fork made with `proofmintd init --from-state`).",
        subcommands: [
            DevMineCommand.self, DevTimeCommand.self, DevModeCommand.self, DevFaucetCommand.self,
            DevSnapshotCommand.self, DevRevertCommand.self, DevSnapshotsCommand.self, DevDeleteSnapshotCommand.self,
        ]
    )
}
