import ProofmintCore

/// A state entry decoded for people: the key as `account pm1…`, `stake pm1…`, …, and the value as its record.
public enum StateDescription {
    public static func value(_ bytes: Bytes?, at key: StateKey) -> String {
        guard let bytes else { return "(deleted)" }
        do {
            switch key.prefix {
            case .account?: return "\(try Account(canonical: bytes))"
            case .totals?: return "\(try ChainTotals(canonical: bytes))"
            case .parameters?: return "\(try Parameters(canonical: bytes))"
            case .validators?: return "\(try ValidatorSet(canonical: bytes).validators.map(\.name))"
            case .stake?: return "\(try Stake(canonical: bytes))"
            case .unbonding?: return "\(try UnbondingQueue(canonical: bytes))"
            case .epoch?: return "\(try EpochState(canonical: bytes))"
            case .epochRecord?: return "\(try EpochRecord(canonical: bytes))"
            case .providerWork?: return "\(try ProviderWork(canonical: bytes))"
            case .vesting?: return "\(try TeamVesting(canonical: bytes))"
            case .governance?: return "\(try GovernanceState(canonical: bytes))"
            case .proposal?: return "\(try GovernanceProposal(canonical: bytes))"
            case .vote?: return "\(try VoteRecord(canonical: bytes).option.name)"
            case .upgrade?: return "\(try UpgradePlan(canonical: bytes))"
            case .voter?: return "\(try Address(bytes: bytes))"
            case .due?: return "\(try DueProposals(canonical: bytes).ids)"
            case .slashHold?: return "\(try SlashHold(canonical: bytes).count)"
            case .parameterWindow?: return "\(try ParameterChangeWindow(canonical: bytes))"
            case .emissionAnchor?: return "\(try EmissionAnchor(canonical: bytes))"
            case .spendWindow?: return "\(try SpendWindow(canonical: bytes))"
            case .computeValidators?: return "\(try ComputeValidators(canonical: bytes).members.map(\.text))"
            case .receipt?: return "\(try ReceiptRecord(canonical: bytes))"
            case .settlement?: return "\(try SettlementCursor(canonical: bytes))"
            case .evidence?, .job?, .computeDueCount?, .computeDue?, .epochProvider?, .epochReceipt?, .computeHold?, .randomnessMix?, nil: return "0x" + bytes.hex
            case .attestor?: return "\(try AttestorRecord(canonical: bytes))"
            }
        } catch {
            return "0x\(bytes.hex) (does not decode: \(error))"
        }
    }
}
