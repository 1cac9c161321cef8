import ProofmintCore

/// A sentence for each failure code a receipt can carry, for people reading `pm_getTransaction`.
/// A receipt stores only the stable code (it is hashed into the receipt root), so these sentences name the rule
/// that was broken without the values involved; they are informative and may be reworded, the code and name may not.
extension TransactionError {
    public static func message(forCode code: UInt16) -> String? {
        switch code {
        case 0: return nil
        case 100: return "the sender's balance does not cover the amount"
        case 101: return "a balance or supply total would overflow"
        case 102: return "the stake would be below the minimum stake (parameter staking.min_stake)"
        case 103: return "the stake is locked, and the requested lock would end before the current one: a lock can only be extended"
        case 104: return TransactionError.jailed.description
        case 105: return "the sender has no active stake"
        case 106: return "the amount to unstake is more than the active stake"
        case 107: return "the stake is still locked (see locked_until in pm_getStake); it cannot be unstaked yet"
        case 108: return "unstaking would leave less than the minimum stake (parameter staking.min_stake): unstake all of it, or less"
        case 109: return "the account has the maximum number of unbonding entries; withdraw matured ones first"
        case 110: return "no unbonding entry has matured yet (see mature_at in pm_getStake), or nothing is unbonding"
        case 120: return TransactionError.evidenceWrongChain.description
        case 121: return "the evidence headers are for different heights"
        case 122: return TransactionError.evidenceSameBlock.description
        case 123: return TransactionError.evidenceProducerMismatch.description
        case 124: return TransactionError.evidenceUnknownValidator.description
        case 125: return TransactionError.evidenceBadSignature.description
        case 126: return TransactionError.evidenceAlreadyHandled.description
        case 130: return "this job id was already paid: a compute receipt counts once"
        case 131: return "the receipt's epoch is outside the proof window (the running epoch or parameter compute.proof_window_epochs before it)"
        case 132: return "the provider's active stake is below the minimum stake (parameter staking.min_stake)"
        case 133: return "the consumer's balance does not cover the receipt's price"
        case 134: return "the epoch already has the maximum number of providers with accepted work"
        case 140: return "the deposit is below the minimum (parameter governance.min_deposit)"
        case 141: return "the proposer's voting power is below the minimum (parameter governance.min_proposer_power)"
        case 142: return "the most proposals that may vote or wait at once already do (parameter governance.max_active_proposals)"
        case 143: return "a proposed parameter value is outside its bounds (docs/PARAMETERS.md)"
        case 144: return "a proposed parameter moves further than one step allows (parameter governance.max_change_bps)"
        case 145: return "the changed parameter set would be inconsistent (for example fee shares not adding up to 10000)"
        case 146: return "the upgrade height comes before the vote and the timelock end"
        case 147: return "there is no proposal with that id"
        case 148: return "the proposal's voting period has ended"
        case 149: return "the voter holds less unjailed stake than voting needs (parameter governance.voter_min_stake)"
        case 150: return "the proposal has the maximum number of voters"
        case 151: return "the treasury holds less than the spend"
        default: return "transaction error \(TransactionError.name(forCode: code))"
        }
    }
}
