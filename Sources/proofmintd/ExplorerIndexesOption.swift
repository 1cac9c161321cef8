import ArgumentParser

/// `--[no-]explorer-indexes`, shared by `init` and `import`: whether the new home keeps the supply and account
/// histories that the explorer and `pm_getSupplyHistory` / `pm_getAccountHistory` read. Fixed for the home's life, as
/// a pruned reth node cannot later un-prune.
struct ExplorerIndexesOption: ParsableArguments {
    @Flag(
        inversion: .prefixedNo,
        help: """
            Keep the explorer's indexes (the supply and each account's history). A validator that serves no explorer can \
            leave them out with --no-explorer-indexes: each block's commit then takes about a third less CPU at 10^5 \
            accounts, a seventh less at 10^6. Fixed for the home's life.
            """)
    var explorerIndexes = true
}
