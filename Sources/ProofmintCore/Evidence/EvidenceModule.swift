/// On-chain evidence of double signing: two different headers for one height, both signed by one validator.
/// The stake of the validator's address (its genesis bond and anything it staked since, with its unbonding entries)
/// is slashed at the malicious rate and jailed; the same offence is punished once.
/// Pure like the rest of the state transition: `DoubleSignEvidence` names the offence, not a floating-point type.
enum EvidenceModule {
    // Determinism note: `DoubleSignEvidence` is two signed headers (equivocation), not a `Double`.
    static func execute(_ evidence: DoubleSignEvidence, context: BlockContext, state: inout StateOverlay) throws(TransactionError) -> [Event] {
        let first = evidence.first.header, second = evidence.second.header
        guard first.chainId.utf8.elementsEqual(context.chainId.utf8), second.chainId.utf8.elementsEqual(context.chainId.utf8) else {
            throw .evidenceWrongChain
        }
        guard first.height == second.height else { throw .evidenceHeightMismatch(first: first.height, second: second.height) }
        guard first.hash != second.hash else { throw .evidenceSameBlock }
        guard first.producer == second.producer else { throw .evidenceProducerMismatch }
        let validators: ValidatorSet
        do { validators = try state.validatorSet() } catch { throw .stateUnreadable(error) }
        guard let validator = validators.validators.first(where: { $0.publicKey.bytes == first.producer }) else {
            throw .evidenceUnknownValidator
        }
        guard validator.publicKey.isValidSignature(evidence.first.signature, for: first.signingMessage),
              validator.publicKey.isValidSignature(evidence.second.signature, for: second.signingMessage)
        else { throw .evidenceBadSignature }
        let marker = StateKey.evidence(validator: validator.publicKey, height: first.height)
        let handled: Bytes?
        do { handled = try state.value(for: marker) } catch { throw .stateUnreadable(error) }
        guard handled == nil else { throw .evidenceAlreadyHandled }

        state.set(marker, [1])
        return try StakingModule.slash(
            Address(publicKey: validator.publicKey), bps: context.parameters.staking.slashMaliciousBps, reason: .doubleSign,
            height: context.height, state: &state)
    }
}
