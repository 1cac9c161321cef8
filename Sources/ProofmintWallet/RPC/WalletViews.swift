/// The contract's results under the names the wallet's commands speak of.
public typealias NodeStatus = StatusResult
public typealias AccountState = AccountResult
public typealias TransactionStatus = TransactionResult
public typealias StakeState = StakeResult
public typealias StakeInfo = StakeView
public typealias UnbondingEntry = UnbondingView
public typealias ProviderList = ProvidersResult
public typealias ProviderInfo = ProviderView
public typealias ChainParameters = ParametersResult
public typealias ProposalList = ProposalsResult
