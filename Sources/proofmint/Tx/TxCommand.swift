import ArgumentParser

/// `proofmint tx …`: build, sign and send transactions.
struct TxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tx",
        abstract: "Build, sign (also offline) and send transactions.",
        discussion: "Exit codes: 0 success, 1 error, 2 included but the receipt reports failure, 3 not included before --timeout.",
        subcommands: [
            TxTransferCommand.self, TxStakeCommand.self, TxUnstakeCommand.self, TxWithdrawCommand.self, TxUnjailCommand.self, TxReportAttestationCommand.self, TxEvidenceCommand.self, TxSubmitProofCommand.self,
            TxProposeCommand.self, TxVoteCommand.self,
            TxValidatorCommand.self, TxValidateCommand.self, TxChallengeCommand.self, TxResolveCommand.self,
            TxSignCommand.self, TxBroadcastCommand.self,
        ]
    )
}
