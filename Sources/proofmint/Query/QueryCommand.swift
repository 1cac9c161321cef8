import ArgumentParser

/// `proofmint query …`: read-only questions to a node.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask a node about the chain, accounts, blocks, transactions, stakes, providers, epochs, rewards, supply, governance proposals, compute receipts, validations, challenges and compute validators.",
        subcommands: [
            QueryStatusCommand.self, QueryBalanceCommand.self, QueryAccountCommand.self, QueryBlockCommand.self,
            QueryTxCommand.self, QueryStakeCommand.self, QueryProvidersCommand.self, QueryEpochCommand.self, QueryRewardsCommand.self,
            QuerySupplyCommand.self, QueryProposalsCommand.self, QueryProposalCommand.self,
            QueryReceiptCommand.self, QueryValidationsCommand.self, QueryChallengesCommand.self, QueryValidatorsCommand.self,
            QueryAttestorsCommand.self,
        ]
    )
}
