import ProofmintCore

/// The human-readable fields of a transaction, derived from its bytes only, so what is shown is what is signed.
public enum TransactionSummary {
    /// The `summary` object of a signed-transaction file and of `--json` output.
    public static func json(_ transaction: Transaction) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(transaction.payload.kind.name)),
            ("from", .string(transaction.senderAddress.text)),
        ]
        switch transaction.payload {
        case let .transfer(transfer):
            members.append(("to", .string(transfer.recipient.text)))
            members.append(("amount", .string("\(Tokens.format(transfer.amount)) \(Tokens.symbol)")))
            members.append(("amount_base_units", .string(String(transfer.amount))))
            members.append(("memo", memoJSON(transfer.memo)))
        case let .stake(request):
            members.append(("amount", .string("\(Tokens.format(request.amount)) \(Tokens.symbol)")))
            members.append(("amount_base_units", .string(String(request.amount))))
            members.append(("lock_epochs", .uint(UInt64(request.lockEpochs))))
            members.append(("tier", .uint(UInt64(request.tier.rawValue))))
            switch request.claim {
            case .none: members.append(("attestation", .null))
            case let .hash(hash): members.append(("attestation", .string(hash.hex)))
            case let .signed(signed): members.append(("attestation", AttestationFile.json(signed)))
            }
        case let .unstake(request):
            members.append(("amount", .string("\(Tokens.format(request.amount)) \(Tokens.symbol)")))
            members.append(("amount_base_units", .string(String(request.amount))))
        case .withdraw, .unjail:
            break
        case let .evidence(evidence):
            members.append(("height", .uint(evidence.first.header.height)))
            members.append(("producer", .string(evidence.first.header.producer.hex)))
        case let .submitProof(signed):
            members.append(("receipt", ComputeReceiptFile.json(signed)))
        case let .propose(request):
            members.append(("proposal_kind", .string(request.content.kind.name)))
            members.append(("deposit", .string("\(Tokens.format(request.deposit)) \(Tokens.symbol)")))
            members.append(("content", .object(request.content.fields.map { ($0.name, .string($0.value)) })))
        case let .vote(request):
            members.append(("proposal", .uint(request.proposal)))
            members.append(("option", .string(request.option.name)))
        case let .validator(request):
            members.append(("join", .bool(request.join)))
        case let .validate(request):
            members.append(("job_id", .string(request.jobId.hex)))
            members.append(("verdict", .string(request.verdict.name)))
            members.append(("quality", .uint(UInt64(request.quality))))
            members.append(("slash_bps", .uint(UInt64(request.slashBps))))
        case let .challenge(request):
            members.append(("job_id", .string(request.jobId.hex)))
        case let .resolve(request):
            members.append(("job_id", .string(request.jobId.hex)))
            members.append(("uphold", .bool(request.uphold)))
        case let .reportAttestation(report):
            members.append(("provider", .string(report.provider.text)))
        }
        members += [
            ("fee", .string("\(Tokens.format(transaction.fee)) \(Tokens.symbol)")),
            ("fee_base_units", .string(String(transaction.fee))),
            ("nonce", .uint(transaction.nonce)),
            ("expiry", .optionalUInt(transaction.expiry)),
        ]
        return .object(members)
    }

    /// Label/value lines for the terminal.
    public static func lines(_ transaction: Transaction) -> [(String, String)] {
        var lines: [(String, String)] = [
            ("kind", transaction.payload.kind.name),
            ("chain", transaction.chainId),
            ("from", transaction.senderAddress.text),
        ]
        switch transaction.payload {
        case let .transfer(transfer):
            lines.append(("to", transfer.recipient.text))
            lines.append(("amount", "\(Tokens.format(transfer.amount)) \(Tokens.symbol) (\(transfer.amount) base units)"))
            if !transfer.memo.isEmpty { lines.append(("memo", memoText(transfer.memo))) }
        case let .stake(request):
            lines.append(("amount", "\(Tokens.format(request.amount)) \(Tokens.symbol) (\(request.amount) base units)"))
            lines.append(("lock", "\(request.lockEpochs) epochs"))
            lines.append(("tier", "\(request.tier.rawValue) (\(request.tier.name))"))
            switch request.claim {
            case .none: break
            case let .hash(hash): lines.append(("attestation", hash.hex))
            case let .signed(signed): lines += AttestationFile.lines(signed)
            }
        case let .unstake(request):
            lines.append(("amount", "\(Tokens.format(request.amount)) \(Tokens.symbol) (\(request.amount) base units)"))
        case .withdraw, .unjail:
            break
        case let .evidence(evidence):
            lines.append(("height", String(evidence.first.header.height)))
            lines.append(("producer", evidence.first.header.producer.hex))
        case let .submitProof(signed):
            lines += ComputeReceiptFile.lines(signed.receipt)
        case let .propose(request):
            lines.append(("proposal", request.content.kind.name))
            lines.append(("deposit", "\(Tokens.format(request.deposit)) \(Tokens.symbol)"))
            lines += request.content.fields.map { ($0.name, $0.value) }
        case let .vote(request):
            lines.append(("proposal", String(request.proposal)))
            lines.append(("option", request.option.name))
        case let .validator(request):
            lines.append(("action", request.join ? "join the compute validator set" : "leave the compute validator set"))
        case let .validate(request):
            lines.append(("job", request.jobId.hex))
            lines.append(("verdict", request.verdict.name))
            lines.append(("quality", String(request.quality)))
            if request.verdict == .slaViolation { lines.append(("slash", "\(request.slashBps) bps")) }
        case let .challenge(request):
            lines.append(("job", request.jobId.hex))
        case let .resolve(request):
            lines.append(("job", request.jobId.hex))
            lines.append(("vote", request.uphold ? "uphold" : "reject"))
        case let .reportAttestation(report):
            lines.append(("provider", report.provider.text))
        }
        lines.append(("fee", "\(Tokens.format(transaction.fee)) \(Tokens.symbol)"))
        lines.append(("nonce", String(transaction.nonce)))
        if let expiry = transaction.expiry { lines.append(("expiry", "height \(expiry)")) }
        return lines
    }

    /// A memo that is printable UTF-8 is shown as text, anything else as `0x…` hex.
    static func memoText(_ memo: Bytes) -> String {
        if let text = String(validating: memo, as: UTF8.self), text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
            return text
        }
        return "0x" + memo.hex
    }

    private static func memoJSON(_ memo: Bytes) -> JSONValue { .string(memoText(memo)) }
}
