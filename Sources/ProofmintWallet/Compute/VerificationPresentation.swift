import ProofmintCore

/// Text for `query receipt|validations|challenges|validators`: amounts in AI (the JSON keeps base units), and for
/// each open step the height by which someone must act, since missing it costs stake or a chance to object.
public enum VerificationPresentation {
    public static func receiptText(_ answer: ReceiptRecordResult, table: ([(String, String)]) -> String) -> String {
        let record = answer.record
        var rows: [(String, String)] = [
            ("job id", record.jobId.hex),
            ("height", String(answer.height)),
            ("provider", record.provider.text),
            ("consumer", record.consumer.text),
            ("epoch", "\(record.epoch) (signed for \(record.receiptEpoch)), accepted at height \(record.acceptedAt)"),
            ("value", ai(record.price)),
            ("units", String(record.units)),
            ("quality", "\(record.quality) / 100 signed; counted at \(record.qualityBps) bps"),
            ("tier", "\(record.tierBps) bps"),
            ("weight", record.standing ? String(record.weight) : "\(record.weight) (removed)"),
            ("model hash", record.modelHash.hex),
            ("input hash", record.inputHash.hex),
            ("output hash", record.outputHash.hex),
            ("validation", statusText(record)),
        ]
        if let verdict = record.verdict { rows.append(("verdict", verdict)) }
        if record.missed > 0 { rows.append(("missed", "\(record.missed) validator(s) missed their window")) }
        if let challenge = record.challenge {
            rows += challengeRows(challenge)
        } else {
            let open = answer.height < record.challengeUntil
            rows.append(("challenge", open ? "none; may be opened up to height \(record.challengeUntil)" : "none (window closed at height \(record.challengeUntil))"))
        }
        return table(rows)
    }

    public static func validationsText(_ answer: PendingValidationsResult, table: ([(String, String)]) -> String) -> String {
        guard !answer.validations.isEmpty else { return "No receipt is waiting for a verdict at height \(answer.height)." }
        let items = answer.validations.map { record in
            table([
                ("job id", record.jobId.hex),
                ("validator", record.validator?.text ?? "?"),
                ("deadline", "height \(record.deadline) (\(left(record.deadline, answer.height)))"),
                ("provider", record.provider.text),
                ("value", ai(record.price)),
                ("model hash", record.modelHash.hex),
                ("input hash", record.inputHash.hex),
                ("output hash", record.outputHash.hex),
            ])
        }
        return "\(answer.validations.count) receipt(s) waiting for a verdict at height \(answer.height):\n" + items.joined(separator: "\n\n")
    }

    public static func challengesText(_ answer: ChallengesResult, table: ([(String, String)]) -> String) -> String {
        guard !answer.challenges.isEmpty else { return "No challenge at height \(answer.height)." }
        let items = answer.challenges.map { record in
            table([("job id", record.jobId.hex), ("provider", record.provider.text), ("value", ai(record.price))]
                + (record.challenge.map(challengeRows) ?? []))
        }
        return "\(answer.challenges.count) challenge(s) at height \(answer.height):\n" + items.joined(separator: "\n\n")
    }

    public static func validatorsText(_ answer: ComputeValidatorsResult, table: ([(String, String)]) -> String) -> String {
        var lines = [table([
            ("height", String(answer.height)),
            ("members", "\(answer.validators.count) of at most \(answer.maxValidators)"),
            ("minimum stake", ai(answer.minStake)),
            ("total counted", ai(answer.totalStake)),
        ])]
        for member in answer.validators {
            let note = member.countedStake > 0 ? "" : (member.jailed ? "  (jailed: not counted)" : "  (below the minimum: not counted)")
            lines.append("  \(member.address.text)  stake \(ai(member.bonded))  counted \(ai(member.countedStake))\(note)")
        }
        return lines.joined(separator: "\n")
    }

    static func statusText(_ record: ReceiptRecordView) -> String {
        switch record.status {
        case "pending_sample": return "pending_sample: sampling is drawn at the end of block \(record.deadline)"
        case "assigned": return "assigned to \(record.validator?.text ?? "?"), verdict due by height \(record.deadline)"
        case "passed", "failed": return "\(record.status) (verdict by \(record.validator?.text ?? "?"))"
        default: return record.status
        }
    }

    static func challengeRows(_ challenge: ChallengeView) -> [(String, String)] {
        [
            ("challenge", challenge.outcome == "open" ? "open, votes until height \(challenge.deadline)" : challenge.outcome),
            ("challenger", "\(challenge.challenger.text) (bond \(ai(challenge.bond)), opened at height \(challenge.openedAt))"),
            ("votes", "uphold \(ai(challenge.upholdStake)) / reject \(ai(challenge.rejectStake)) of stake, \(challenge.votedBy.count) voter(s)"),
        ]
    }

    private static func left(_ deadline: UInt64, _ height: UInt64) -> String {
        deadline > height ? "\(deadline - height) blocks left" : "due now"
    }

    private static func ai(_ amount: Amount) -> String { "\(Tokens.format(amount)) \(Tokens.symbol)" }
}
