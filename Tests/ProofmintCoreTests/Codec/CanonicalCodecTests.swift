import ProofmintCore
import ProofmintTestSupport
import XCTest

final class CanonicalCodecTests: XCTestCase {
    // MARK: - Sample values

    static let alice = TestKeys.key("alice")
    static let bob = TestKeys.address("bob")

    static func transaction(expiry: UInt64? = 77, memo: Bytes = [1, 2, 3], chainId: String = "proofmint-test") -> Transaction {
        Transaction(
            chainId: chainId, sender: alice.publicKey, nonce: 0x0102_0304_0506_0708, fee: 0x1122_3344_5566_7788_99aa_bbcc_ddee_ff00,
            expiry: expiry, payload: .transfer(Transfer(recipient: bob, amount: 5 * Tokens.one, memo: memo)))
    }

    static var header: BlockHeader {
        BlockHeader(
            chainId: "proofmint-test", height: 42, parentHash: Hash32.digest([1]), timestamp: 1_767_225_600_000,
            transactionRoot: Hash32.digest([2]), receiptRoot: Hash32.digest([3]), stateRoot: Hash32.digest([4]),
            transactionCount: 2, producer: TestKeys.key("validator-a").publicKey.bytes, beacon: Bytes(repeating: 0x5b, count: 80))
    }

    static var events: [Event] {
        [
            .feePaid(payer: TestKeys.address("alice"), total: 1000, burned: 400, rewardPool: 300, treasury: 200, liquidity: 100),
            .transfer(from: TestKeys.address("alice"), to: bob, amount: UInt128.max),
        ]
    }

    // MARK: - Exact layout

    /// The transaction layout written out by hand from the format (version, u32-prefixed chain id, key, u64 nonce,
    /// u128 fee, optional u64 expiry, payload tag, recipient, u128 amount, u32-prefixed memo), all big-endian.
    func testTransactionLayout() {
        let tx = Self.transaction()
        var expected: Bytes = [1]
        expected += [0, 0, 0, 14] + Array("proofmint-test".utf8)
        expected += Self.alice.publicKey.bytes
        expected += [1, 2, 3, 4, 5, 6, 7, 8]
        expected += [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00]
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 77]
        expected += [1] + Self.bob.bytes
        // 5 × 10^18 = 0x4563918244F40000
        expected += Bytes(repeating: 0, count: 8) + [0x45, 0x63, 0x91, 0x82, 0x44, 0xf4, 0x00, 0x00]
        expected += [0, 0, 0, 3, 1, 2, 3]
        XCTAssertEqual(tx.canonicalBytes, expected)
        XCTAssertEqual(tx.id.bytes, Blake2b.hash256(expected))
        XCTAssertEqual(tx.signingMessage, Array("proofmint/tx/v1".utf8) + [0] + expected)

        var noExpiry = tx
        noExpiry.expiry = nil
        XCTAssertEqual(noExpiry.canonicalBytes.count, expected.count - 8)
    }

    func testIntegersAreBigEndian() {
        var writer = CanonicalWriter()
        writer.u8(0xab)
        writer.u16(0x0102)
        writer.u32(0x0304_0506)
        writer.u64(0x0708_090a_0b0c_0d0e)
        writer.u128(UInt128(0x0f) << 120 | 0x10)
        writer.bool(true)
        writer.bool(false)
        XCTAssertEqual(writer.bytes, [0xab, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x0f] + Bytes(repeating: 0, count: 14) + [0x10, 1, 0])
        var reader = CanonicalReader(writer.bytes)
        XCTAssertEqual(try reader.u8(), 0xab)
        XCTAssertEqual(try reader.u16(), 0x0102)
        XCTAssertEqual(try reader.u32(), 0x0304_0506)
        XCTAssertEqual(try reader.u64(), 0x0708_090a_0b0c_0d0e)
        XCTAssertEqual(try reader.u128(), UInt128(0x0f) << 120 | 0x10)
        XCTAssertEqual(try reader.bool(), true)
        XCTAssertEqual(try reader.bool(), false)
        XCTAssertNoThrow(try reader.finish())
    }

    // MARK: - Round trips

    func assertRoundTrip<T: CanonicalCodable & Equatable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = value.canonicalBytes
        do {
            let decoded = try T(canonical: bytes)
            XCTAssertEqual(decoded, value, "\(T.self) round trip", file: file, line: line)
            XCTAssertEqual(decoded.canonicalBytes, bytes, file: file, line: line)
        } catch {
            XCTFail("\(T.self) does not decode its own encoding: \(error)", file: file, line: line)
        }
    }

    func testRoundTripsOfEveryType() {
        let signed = Self.transaction().signed(by: Self.alice)
        assertRoundTrip(Self.transaction())
        assertRoundTrip(Self.transaction(expiry: nil, memo: []))
        assertRoundTrip(Self.transaction(memo: Bytes(repeating: 0xee, count: Transfer.maxMemoBytes)))
        assertRoundTrip(Self.transaction(chainId: String(repeating: "c", count: Transaction.maxChainIdBytes)))
        assertRoundTrip(Self.transaction(chainId: "ünïcødé-chain"))
        assertRoundTrip(Payload.transfer(Transfer(recipient: Self.bob, amount: 1)))
        assertRoundTrip(Transfer(recipient: Self.bob, amount: UInt128.max, memo: [0]))
        assertRoundTrip(signed)
        assertRoundTrip(Self.header)
        assertRoundTrip(Block(header: Self.header, signature: Bytes(repeating: 9, count: 64), transactions: [signed, signed]))
        assertRoundTrip(Block(header: Self.header, signature: Bytes(repeating: 0, count: 64), transactions: []))
        assertRoundTrip(Receipt(transactionId: signed.id, code: 100, feeCharged: 12345, events: Self.events))
        assertRoundTrip(Receipt(transactionId: signed.id, code: 0, feeCharged: 0, events: []))
        assertRoundTrip(ReceiptList([Receipt(transactionId: signed.id, code: 0, feeCharged: 1, events: Self.events)]))
        for event in Self.events { assertRoundTrip(event) }
        assertRoundTrip(Account(nonce: UInt64.max, balance: UInt128.max))
        assertRoundTrip(Account.empty)
        assertRoundTrip(ChainTotals(issued: UInt128.max, burned: 1, feesPaid: 2))
        assertRoundTrip(ChainTotals(issued: 5, burned: 4, feesPaid: 3, staked: 2, unbonding: UInt128.max))
        assertRoundTrip(Parameters.defaults)
        assertRoundTrip(Parameters(minFee: 0, maxTransactionBytes: 256, maxBlockTransactions: 1, maxBlockBytes: UInt32.max,
                                   feeSplit: FeeSplit(burnBps: 10_000, rewardPoolBps: 0, treasuryBps: 0, liquidityBps: 0)))
        assertRoundTrip(ValidatorSet(validators: [
            .init(name: "validator-a", publicKey: TestKeys.key("validator-a").publicKey),
            .init(name: "β", publicKey: TestKeys.key("validator-b").publicKey),
        ]))
        assertRoundTrip(ValidatorSet(validators: []))
        assertRoundTrip(TreeNode.leaf(key: Hash32.digest([1]), valueHash: Hash32.digest([2])))
        assertRoundTrip(TreeNode.internal(left: .zero, right: Hash32.digest([3])))
        assertRoundTrip(StateProof(siblings: [Hash32.digest([5]), .zero], terminal: .leaf(key: Hash32.digest([6]), valueHash: .zero)))
        assertRoundTrip(StateProof(siblings: (0..<256).map { Hash32.digest([UInt8($0)]) }, terminal: .empty))
    }

    /// Property: random transactions (and blocks of them) encode → decode → encode to identical bytes.
    func testRandomTransactionsRoundTrip() throws {
        var rng = SplitMix64(seed: 0xc0dec)
        let keys = (0..<4).map { TestKeys.key("codec-\($0)") }
        for index in 0..<500 {
            let chainId = String(decoding: (0..<rng.int(0...Transaction.maxChainIdBytes)).map { _ in UInt8(rng.int(97...122)) }, as: UTF8.self)
            let tx = Transaction(
                chainId: chainId, sender: rng.element(keys).publicKey, nonce: rng.next(), fee: rng.interestingUInt128(),
                expiry: rng.bool() ? rng.next() : nil,
                payload: .transfer(Transfer(
                    recipient: try Address(bytes: rng.bytes(20)), amount: rng.interestingUInt128(),
                    memo: rng.bytes(rng.int(0...Transfer.maxMemoBytes)))))
            let bytes = tx.canonicalBytes
            let decoded = try Transaction(canonical: bytes)
            XCTAssertEqual(decoded, tx, "case \(index)")
            XCTAssertEqual(decoded.canonicalBytes, bytes, "case \(index)")
            XCTAssertEqual(decoded.id, tx.id)
            let signed = SignedTransaction(transaction: tx, signature: rng.bytes(64))
            XCTAssertEqual(try SignedTransaction(canonical: signed.canonicalBytes), signed)
        }
    }

    /// A decoded transaction keeps the bytes it came from: its encoding, size, id and witness hash are theirs, and they
    /// are the encoding of its fields.
    func testDecodedTransactionKeepsItsBytes() throws {
        let signed = Self.transaction().signed(by: Self.alice)
        let bytes = signed.canonicalBytes
        let decoded = try SignedTransaction(canonical: bytes)
        XCTAssertEqual(decoded.encoded, bytes)
        XCTAssertEqual(decoded.canonicalBytes, bytes)
        XCTAssertEqual(decoded.encodedSize, bytes.count)
        XCTAssertEqual(Array(decoded.unsignedBytes), Self.transaction().canonicalBytes)
        XCTAssertEqual(decoded.id, Self.transaction().id)
        XCTAssertEqual(decoded.witnessHash, Hash32.digest(Self.transaction().canonicalBytes + signed.signature))
        XCTAssertTrue(decoded.hasValidSignature())
        XCTAssertEqual(decoded, signed)
        let other = Self.transaction().signed(by: TestKeys.key("codec-other"))
        XCTAssertNotEqual(decoded, other, "same transaction fields, another signature")
        // Decoded from inside a block, a transaction keeps its own bytes, not the block's.
        let block = try Block(canonical: Block(header: Self.header, signature: Bytes(repeating: 9, count: 64), transactions: [signed, signed]).canonicalBytes)
        XCTAssertEqual(block.transactions.map(\.encoded), [bytes, bytes])
    }

    /// Property: bytes the decoder accepts are exactly the canonical encoding of what it returns, so no two byte
    /// strings decode to the same value. Checked on thousands of mutations of valid encodings.
    func testAcceptedBytesAreCanonical() {
        var rng = SplitMix64(seed: 0xfadd)
        let signed = Self.transaction().signed(by: Self.alice)
        let samples: [(String, Bytes, (Bytes) throws -> Bytes)] = [
            ("transaction", Self.transaction().canonicalBytes, { try Transaction(canonical: $0).canonicalBytes }),
            // Re-encoded from its fields: a signed transaction's own encoding is the bytes it was decoded from.
            ("signed transaction", signed.canonicalBytes, { bytes in
                let decoded = try SignedTransaction(canonical: bytes)
                return decoded.transaction.canonicalBytes + decoded.signature
            }),
            // Re-encoded from its fields, each transaction's too, not from the bytes they keep.
            ("block", Block(header: Self.header, signature: Bytes(repeating: 9, count: 64), transactions: [signed]).canonicalBytes,
             { bytes in
                 let block = try Block(canonical: bytes)
                 var writer = CanonicalWriter()
                 writer.encode(block.header)
                 writer.fixed(block.signature)
                 writer.u32(UInt32(block.transactions.count))
                 for transaction in block.transactions { writer.fixed(transaction.transaction.canonicalBytes + transaction.signature) }
                 return writer.bytes
             }),
            ("receipt", Receipt(transactionId: signed.id, code: 0, feeCharged: 1, events: Self.events).canonicalBytes,
             { try Receipt(canonical: $0).canonicalBytes }),
            ("parameters", Parameters.defaults.canonicalBytes, { try Parameters(canonical: $0).canonicalBytes }),
            ("validators", ValidatorSet(validators: [.init(name: "v", publicKey: Self.alice.publicKey)]).canonicalBytes,
             { try ValidatorSet(canonical: $0).canonicalBytes }),
        ]
        var accepted = 0, refused = 0
        for (name, valid, roundTrip) in samples {
            for _ in 0..<600 {
                let mutated = Self.mutate(valid, rng: &rng)
                if let again = try? roundTrip(mutated) {
                    accepted += 1
                    XCTAssertEqual(again, mutated, "\(name): accepted bytes that are not the canonical encoding of their value")
                } else {
                    refused += 1
                }
            }
        }
        XCTAssertGreaterThan(accepted, 100, "the mutations should often land in free-form fields")
        XCTAssertGreaterThan(refused, 100)
    }

    /// One to three random byte changes, insertions or deletions.
    static func mutate(_ bytes: Bytes, rng: inout SplitMix64) -> Bytes {
        var mutated = bytes
        for _ in 0..<rng.int(1...3) {
            switch rng.below(4) {
            case 0: mutated[rng.int(0..<mutated.count)] = UInt8(truncatingIfNeeded: rng.next())
            case 1: mutated[rng.int(0..<mutated.count)] ^= UInt8(1) << UInt8(rng.below(8))
            case 2: mutated.insert(UInt8(truncatingIfNeeded: rng.next()), at: rng.int(0...mutated.count))
            default: if mutated.count > 1 { mutated.remove(at: rng.int(0..<mutated.count)) }
            }
        }
        return mutated
    }

    /// Property: a decoded transaction's id and witness hash come from the bytes it was read from, so those must be
    /// the encoding of its fields for every kind of payload and everything nested in one. Mutations of a transaction of
    /// every kind (and of each proposal's content) that the decoder accepts must encode back from their fields.
    func testAcceptedTransactionsOfEveryKindAreTheirFieldsEncoding() throws {
        let chain = try TestChain()
        let alice = Self.alice, bob = TestKeys.key("bob")
        let job = Hash32.digest(Array("job".utf8))
        let proposals: [ProposalContent] = [
            .parameterChange([.init(name: "min_fee", value: 7), .init(name: "unbonding_epochs", value: 3)]),
            .treasurySpend(recipient: Self.bob, amount: 5),
            .upgrade(name: "v5", height: 99),
            .slash(provider: Self.bob, reason: .malicious, bps: 100),
            .text(title: "ünïcødé", documentHash: job),
            .attestor(publicKey: bob.publicKey, name: "a", maxTier: .gpuTEE, action: .revoke),
        ]
        let samples: [SignedTransaction] = [
            chain.transfer(from: alice, to: Self.bob, amount: 5, expiry: 9, memo: [1, 2]),
            chain.stake(from: alice, amount: 5, lockEpochs: 2),
            chain.stake(from: alice, amount: 5, tier: .cpuTEE, attestation: job),
            chain.unstake(from: alice, amount: 5),
            chain.withdraw(from: alice),
            chain.evidence(from: bob, chain.doubleSign(by: TestKeys.key("validator-a"), height: 3)),
            chain.submitProof(from: bob, chain.receipt(consumer: alice, provider: Self.bob)),
            chain.vote(from: alice, proposal: 1, .abstain),
            chain.unjail(from: alice),
            chain.validatorTransaction(from: alice, join: false),
            chain.verdict(from: alice, job: job, .slaViolation, quality: 5, slashBps: 10),
            chain.challenge(from: alice, job: job),
            chain.resolve(from: alice, job: job, uphold: true),
            chain.reportAttestation(from: alice, provider: Self.bob),
        ] + proposals.map { chain.propose(from: alice, $0) }
        XCTAssertEqual(Set(samples.map(\.transaction.payload.kind)), Set(Payload.Kind.allCases))
        var rng = SplitMix64(seed: 0xb17e5)
        var accepted = 0
        for signed in samples {
            for _ in 0..<300 {
                let mutated = Self.mutate(signed.encoded, rng: &rng)
                guard let decoded = try? SignedTransaction(canonical: mutated) else { continue }
                accepted += 1
                XCTAssertEqual(decoded.transaction.canonicalBytes + decoded.signature, mutated, "\(signed.transaction.payload.kind.name)")
                XCTAssertEqual(decoded.id, decoded.transaction.id)
            }
        }
        XCTAssertGreaterThan(accepted, 500, "the mutations should often land in free-form fields")
    }

    // MARK: - Refusals

    func assertRefuses<T: CanonicalDecodable>(
        _ type: T.Type, _ bytes: Bytes, _ expected: CodecError, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try T(canonical: bytes), file: file, line: line) { error in
            XCTAssertEqual(error as? CodecError, expected, file: file, line: line)
        }
    }

    func testTrailingBytesAreRefused() {
        let bytes = Self.transaction().canonicalBytes
        assertRefuses(Transaction.self, bytes + [0], .trailingBytes(count: 1, offset: bytes.count))
        let block = Block(header: Self.header, signature: Bytes(repeating: 9, count: 64), transactions: []).canonicalBytes
        assertRefuses(Block.self, block + [0, 0], .trailingBytes(count: 2, offset: block.count))
        assertRefuses(Account.self, Account.empty.canonicalBytes + [1], .trailingBytes(count: 1, offset: 25))
    }

    /// Every proper prefix of a valid encoding is refused as ending early, for every type.
    func testEveryTruncationIsRefused() {
        let signed = Self.transaction().signed(by: Self.alice)
        let encodings: [(String, Bytes, (Bytes) throws -> Void)] = [
            ("transaction", Self.transaction().canonicalBytes, { _ = try Transaction(canonical: $0) }),
            ("signed", signed.canonicalBytes, { _ = try SignedTransaction(canonical: $0) }),
            ("header", Self.header.canonicalBytes, { _ = try BlockHeader(canonical: $0) }),
            ("block", Block(header: Self.header, signature: Bytes(repeating: 9, count: 64), transactions: [signed, signed]).canonicalBytes,
             { _ = try Block(canonical: $0) }),
            ("receipt", Receipt(transactionId: signed.id, code: 3, feeCharged: 9, events: Self.events).canonicalBytes,
             { _ = try Receipt(canonical: $0) }),
            ("account", Account(nonce: 1, balance: 2).canonicalBytes, { _ = try Account(canonical: $0) }),
            ("totals", ChainTotals(issued: 1, burned: 2, feesPaid: 3).canonicalBytes, { _ = try ChainTotals(canonical: $0) }),
            ("parameters", Parameters.defaults.canonicalBytes, { _ = try Parameters(canonical: $0) }),
            ("validators", ValidatorSet(validators: [.init(name: "v", publicKey: Self.alice.publicKey)]).canonicalBytes,
             { _ = try ValidatorSet(canonical: $0) }),
            ("leaf", TreeNode.leaf(key: .zero, valueHash: .zero).canonicalBytes, { _ = try TreeNode(canonical: $0) }),
            ("internal", TreeNode.internal(left: .zero, right: .zero).canonicalBytes, { _ = try TreeNode(canonical: $0) }),
            ("proof", StateProof(siblings: [.zero], terminal: .leaf(key: .zero, valueHash: .zero)).canonicalBytes,
             { _ = try StateProof(canonical: $0) }),
        ]
        for (name, bytes, decode) in encodings {
            XCTAssertNoThrow(try decode(bytes), name)
            for length in 0..<bytes.count {
                XCTAssertThrowsError(try decode(Array(bytes.prefix(length))), "\(name) truncated to \(length) of \(bytes.count) bytes") { error in
                    guard case .unexpectedEnd? = error as? CodecError else {
                        return XCTFail("\(name) truncated to \(length): \(error), expected unexpectedEnd")
                    }
                }
            }
        }
    }

    func testBoolAndOptionalTagsMustBeZeroOrOne() {
        var reader = CanonicalReader([2])
        XCTAssertThrowsError(try reader.bool()) { error in
            XCTAssertEqual(error as? CodecError, .invalidBool(byte: 2, offset: 0))
        }
        var reader2 = CanonicalReader([0, 0xff])
        XCTAssertEqual(try reader2.bool(), false)
        XCTAssertThrowsError(try reader2.bool()) { error in
            XCTAssertEqual(error as? CodecError, .invalidBool(byte: 0xff, offset: 1))
        }
        // The expiry's optional tag sits after version, chain id, sender, nonce and fee.
        let tx = Self.transaction()
        var bytes = tx.canonicalBytes
        let tagOffset = 1 + 4 + tx.chainId.utf8.count + 32 + 8 + 16
        XCTAssertEqual(bytes[tagOffset], 1)
        bytes[tagOffset] = 2
        assertRefuses(Transaction.self, bytes, .invalidOptionalTag(byte: 2, offset: tagOffset))
    }

    func testUnknownTagsAndVersions() {
        let tx = Self.transaction(expiry: nil)
        let payloadOffset = 1 + 4 + tx.chainId.utf8.count + 32 + 8 + 16 + 1
        // Tags 1–9 are transfer, stake, unstake, withdraw, evidence, submit-proof, propose, vote and unjail; 10–13 validator,
        // validate, challenge and resolve (protocol version 3); 14 is reserved for report_attestation; 15 is free.
        for tag: UInt8 in [0, 15, 0xff] {
            var bytes = tx.canonicalBytes
            XCTAssertEqual(bytes[payloadOffset], Payload.Kind.transfer.rawValue)
            bytes[payloadOffset] = tag
            assertRefuses(Transaction.self, bytes, .unknownTag(type: "transaction kind", tag: tag, offset: payloadOffset))
        }
        // Header version 1 (before the beacon) is refused like any unknown version.
        for version: UInt8 in [0, 1, 3] {
            var header = Self.header.canonicalBytes
            header[0] = version
            assertRefuses(BlockHeader.self, header, .unsupportedVersion(type: "block header", version: version))
        }
        for version: UInt8 in [0, 2] {
            var bytes = tx.canonicalBytes
            bytes[0] = version
            assertRefuses(Transaction.self, bytes, .unsupportedVersion(type: "transaction", version: version))
            var account = Account.empty.canonicalBytes
            account[0] = version
            assertRefuses(Account.self, account, .unsupportedVersion(type: "account", version: version))
            var totals = ChainTotals.zero.canonicalBytes
            totals[0] = version
            assertRefuses(ChainTotals.self, totals, .unsupportedVersion(type: "totals", version: version))
            var receipt = Receipt(transactionId: .zero, code: 0, feeCharged: 0, events: []).canonicalBytes
            receipt[0] = version
            assertRefuses(Receipt.self, receipt, .unsupportedVersion(type: "receipt", version: version))
            var validators = ValidatorSet(validators: []).canonicalBytes
            validators[0] = version
            assertRefuses(ValidatorSet.self, validators, .unsupportedVersion(type: "validator set", version: version))
        }
        // Parameters are at version 3 since protocol version 3.
        for version: UInt8 in [0, 1, 2, 4] {
            var parameters = Parameters.defaults.canonicalBytes
            parameters[0] = version
            assertRefuses(Parameters.self, parameters, .unsupportedVersion(type: "parameters", version: version))
        }
        // Event tags 1–10 and 20 are assigned (transfer, fee_paid, staked, unstaked, withdrawn, slashed, jailed, proof_accepted,
        // proposed, voted; unjailed), and 30–35 since protocol version 3 (validator_joined … challenge_decided).
        for tag: UInt8 in [0, 11, 21, 36, 0xff] {
            var event = Self.events[1].canonicalBytes
            event[0] = tag
            assertRefuses(Event.self, event, .unknownTag(type: "event", tag: tag, offset: 0))
        }
        var node = TreeNode.leaf(key: .zero, valueHash: .zero).canonicalBytes
        node[0] = 2
        assertRefuses(TreeNode.self, node, .unknownTag(type: "tree node", tag: 2, offset: 0))
    }

    func testLengthLimits() {
        // Memo: exactly the maximum decodes; one more byte in the length prefix is refused before reading.
        let recipient = Self.bob.bytes
        let amount = Bytes(repeating: 0, count: 16)
        func transfer(memoLength: UInt32, memo: Bytes) -> Bytes {
            recipient + amount + withUnsafeBytes(of: memoLength.bigEndian, Array.init) + memo
        }
        XCTAssertNoThrow(try Transfer(canonical: transfer(memoLength: 256, memo: Bytes(repeating: 1, count: 256))))
        assertRefuses(Transfer.self, transfer(memoLength: 257, memo: Bytes(repeating: 1, count: 257)),
                      .lengthTooLarge(field: "memo", length: 257, max: 256))
        assertRefuses(Transfer.self, transfer(memoLength: UInt32.max, memo: []),
                      .lengthTooLarge(field: "memo", length: Int(UInt32.max), max: 256))

        // Chain id: 64 bytes decode, 65 are refused (in transactions and headers alike).
        let long = String(repeating: "c", count: 65)
        assertRefuses(Transaction.self, Self.transaction(chainId: long).canonicalBytes,
                      .lengthTooLarge(field: "chain id", length: 65, max: 64))
        var header = Self.header
        header.chainId = long
        assertRefuses(BlockHeader.self, header.canonicalBytes, .lengthTooLarge(field: "chain id", length: 65, max: 64))

        // Array counts.
        var receipt = Receipt(transactionId: .zero, code: 0, feeCharged: 0, events: []).canonicalBytes
        receipt.replaceSubrange((receipt.count - 4)..., with: [0, 0, 0, 65])
        assertRefuses(Receipt.self, receipt, .lengthTooLarge(field: "events", length: 65, max: 64))
        var block = Block(header: Self.header, signature: Bytes(repeating: 0, count: 64), transactions: []).canonicalBytes
        block.replaceSubrange((block.count - 4)..., with: [0xff, 0xff, 0xff, 0xff])
        assertRefuses(Block.self, block, .lengthTooLarge(field: "transactions", length: Int(UInt32.max), max: Block.maxTransactions))
        assertRefuses(ValidatorSet.self, [1, 0, 0, 0x03, 0xe9], .lengthTooLarge(field: "validators", length: 1001, max: 1000))
    }

    func testEmptyValidatorNameIsRefused() {
        let key = Self.alice.publicKey.bytes
        assertRefuses(ValidatorSet.self, [1, 0, 0, 0, 1, 0, 0, 0, 0] + key, .invalidValue(field: "validator name", reason: "must not be empty"))
        XCTAssertNoThrow(try ValidatorSet(canonical: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0x76] + key))
    }

    func testInvalidUTF8ChainIdIsRefused() {
        for bad: Bytes in [[0xff], [0xc3], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0x61, 0x80]] {
            let tx = Self.transaction(chainId: "x")
            var bytes = tx.canonicalBytes
            bytes.replaceSubrange(1..<6, with: withUnsafeBytes(of: UInt32(bad.count).bigEndian, Array.init) + bad)
            assertRefuses(Transaction.self, bytes, .invalidUTF8(field: "chain id"))
        }
    }
}
