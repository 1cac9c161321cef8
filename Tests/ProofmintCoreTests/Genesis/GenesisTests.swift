import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

final class GenesisTests: XCTestCase {
    static let validatorKey = TestKeys.key("validator-a").publicKey.bytes.hex

    /// A valid genesis as a JSON object, for each test to break in one place.
    static func validObject() -> [String: Any] {
        [
            "comment": "test genesis",
            "chain_id": "proofmint-test_1.0",
            "genesis_time": "2026-01-01T00:00:00Z",
            "parameters": [
                "min_fee": "2000",
                "max_tx_bytes": 1024,
                "max_block_transactions": 500,
                "max_block_bytes": 1_048_576,
                "fee_split_bps": ["burn": 5000, "reward_pool": 2500, "treasury": 1500, "liquidity": 1000],
            ] as [String: Any],
            "validators": [["name": "validator-a", "public_key": validatorKey]],
            "allocations": [
                ["name": "alice", "address": TestKeys.address("alice").text, "amount": "12.5AI"],
                ["address": TestKeys.address("bob").text, "amount": "1000"],
                ["module": "treasury", "amount": "1 AI"],
            ],
        ]
    }

    static func json(_ object: [String: Any]) -> Bytes {
        Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// Parses `object` after `edit`, expecting a `GenesisError` at `path` whose problem mentions `mentions`.
    func assertError(
        _ path: String, mentions: String, file: StaticString = #filePath, line: UInt = #line, _ edit: (inout [String: Any]) -> Void
    ) {
        var object = Self.validObject()
        edit(&object)
        assertError(Self.json(object), path, mentions: mentions, file: file, line: line)
    }

    func assertError(_ bytes: Bytes, _ path: String, mentions: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Genesis.parse(json: bytes), file: file, line: line) { error in
            guard let error = error as? GenesisError else { return XCTFail("not a GenesisError: \(error)", file: file, line: line) }
            XCTAssertEqual(error.path, path, "\(error)", file: file, line: line)
            XCTAssertTrue(error.problem.contains(mentions), "'\(error.problem)' does not mention '\(mentions)'", file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix(path + ": "), file: file, line: line)
        }
    }

    static func allocations(_ object: [String: Any]) -> [[String: Any]] { object["allocations"] as! [[String: Any]] }

    static func editParameters(_ object: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var parameters = object["parameters"] as! [String: Any]
        edit(&parameters)
        object["parameters"] = parameters
    }

    // MARK: - Valid files

    func testValidFileParses() throws {
        let genesis = try Genesis.parse(json: Self.json(Self.validObject()))
        XCTAssertEqual(genesis.chainId, "proofmint-test_1.0")
        XCTAssertEqual(genesis.genesisTime, 1_767_225_600_000, "2026-01-01T00:00:00Z in Unix milliseconds")
        XCTAssertEqual(genesis.parameters, Parameters(
            minFee: 2000, maxTransactionBytes: 1024, maxBlockTransactions: 500, maxBlockBytes: 1_048_576,
            feeSplit: FeeSplit(burnBps: 5000, rewardPoolBps: 2500, treasuryBps: 1500, liquidityBps: 1000)))
        XCTAssertEqual(genesis.validators.validators.map(\.name), ["validator-a"])
        XCTAssertEqual(genesis.validators.validators.first?.publicKey, TestKeys.key("validator-a").publicKey)
        XCTAssertEqual(genesis.allocations.map(\.address), [TestKeys.address("alice"), TestKeys.address("bob"), ModuleAccount.treasury.address])
        XCTAssertEqual(genesis.allocations.map(\.amount), [12 * Tokens.one + Tokens.one / 2, 1000, Tokens.one])
        XCTAssertEqual(genesis.allocations.map(\.name), ["alice", nil, nil])

        // The initial state: one account per allocation, totals, parameters, validators, epoch; sorted by key.
        let writes = genesis.stateWrites()
        XCTAssertEqual(writes.map(\.key), writes.map(\.key).sorted())
        XCTAssertEqual(writes.count, 3 + 4)
        XCTAssertEqual(try EpochState(canonical: XCTUnwrap(writes.first { $0.key == .epoch }?.value)), EpochState(number: 0, startHeight: 1))
        XCTAssertEqual(try ChainTotals(canonical: XCTUnwrap(writes.first { $0.key == .totals }?.value)),
                       ChainTotals(issued: 13 * Tokens.one + Tokens.one / 2 + 1000, burned: 0, feesPaid: 0))
    }

    func testParametersDefaultWhenAbsentOrPartial() throws {
        var object = Self.validObject()
        object["parameters"] = nil
        XCTAssertEqual(try Genesis.parse(json: Self.json(object)).parameters, .defaults)
        object["parameters"] = ["min_fee": "5"]
        var expected = Parameters.defaults
        expected.minFee = 5
        XCTAssertEqual(try Genesis.parse(json: Self.json(object)).parameters, expected)
    }

    /// Zero and one are ordinary integers. (On Linux, Foundation bridges an `NSNumber` holding 0 or 1 to `Bool`,
    /// so a check written as `value is Bool` refuses them.)
    func testZeroAndOneAreValidIntegers() throws {
        var object = Self.validObject()
        Self.editParameters(&object) {
            $0["fee_split_bps"] = ["burn": 10_000, "reward_pool": 0, "treasury": 0, "liquidity": 0]
            $0["max_block_transactions"] = 1
        }
        let genesis = try Genesis.parse(json: Self.json(object))
        XCTAssertEqual(genesis.parameters.feeSplit, FeeSplit(burnBps: 10_000, rewardPoolBps: 0, treasuryBps: 0, liquidityBps: 0))
        XCTAssertEqual(genesis.parameters.maxBlockTransactions, 1)
        // Booleans are still refused where an integer is expected.
        assertError("genesis.parameters.max_block_transactions", mentions: "whole number") {
            Self.editParameters(&$0) { $0["max_block_transactions"] = true }
        }
        assertError("genesis.parameters.fee_split_bps.liquidity", mentions: "whole number") {
            Self.editParameters(&$0) { $0["fee_split_bps"] = ["burn": 9_000, "reward_pool": 1_000, "treasury": 0, "liquidity": false] }
        }
    }

    func testAllocationsUpToExactlyTheMaximumSupply() throws {
        var object = Self.validObject()
        object["allocations"] = [
            ["address": TestKeys.address("alice").text, "amount": "600000000AI"],
            ["module": "treasury", "amount": "400000000AI"],
        ]
        let genesis = try Genesis.parse(json: Self.json(object))
        XCTAssertEqual(genesis.allocations.reduce(0) { $0 + $1.amount }, Genesis.maxSupply)
    }

    /// The devnet genesis committed in the repository parses.
    func testCommittedDevnetGenesisParses() throws {
        let url = RepositoryRoot.url
            .appendingPathComponent("genesis/devnet.json")
        let genesis = try Genesis.parse(json: Array(Data(contentsOf: url)))
        XCTAssertFalse(genesis.validators.validators.isEmpty)
        XCTAssertLessThanOrEqual(genesis.allocations.reduce(0) { $0 + $1.amount }, Genesis.maxSupply)
        XCTAssertEqual(genesis.genesisBlock().block.header.height, 0)
    }

    // MARK: - Errors name the field

    func testMisspeltTopLevelField() {
        assertError("genesis.chian_id", mentions: "did you mean 'chain_id'") {
            $0["chian_id"] = $0["chain_id"]
            $0["chain_id"] = nil
        }
        assertError("genesis.alocations", mentions: "did you mean 'allocations'") {
            $0["alocations"] = $0["allocations"]
            $0["allocations"] = nil
        }
        assertError("genesis.chain_id", mentions: "required") { $0["chain_id"] = nil }
    }

    func testMisspeltParameter() {
        assertError("genesis.parameters.min_fe", mentions: "did you mean 'min_fee'") {
            Self.editParameters(&$0) { $0["min_fe"] = "1"; $0["min_fee"] = nil }
        }
        assertError("genesis.parameters.fee_split_bps.liquidty", mentions: "did you mean 'fee_split_bps.liquidity'") {
            Self.editParameters(&$0) { $0["fee_split_bps"] = ["burn": 4000, "reward_pool": 3000, "treasury": 2000, "liquidty": 1000] }
        }
        assertError("genesis.parameters.max_tx_bytes", mentions: "whole number") {
            Self.editParameters(&$0) { $0["max_tx_bytes"] = "4096" }
        }
        assertError("genesis.parameters.max_tx_bytes", mentions: "whole number") {
            Self.editParameters(&$0) { $0["max_tx_bytes"] = -1 }
        }
        assertError("genesis.parameters.max_tx_bytes", mentions: "whole number") {
            Self.editParameters(&$0) { $0["max_tx_bytes"] = 1024.5 }
        }
        assertError("genesis.parameters.max_tx_bytes", mentions: "must be between 256 and 1048576 (bytes), got 1099511627776") {
            Self.editParameters(&$0) { $0["max_tx_bytes"] = 1 << 40 }
        }
        assertError("genesis.parameters.max_tx_bytes", mentions: "must be between 256 and 1048576") {
            Self.editParameters(&$0) { $0["max_tx_bytes"] = 100 }
        }
    }

    func testMinimumFeeMustBePositive() {
        assertError("genesis.parameters.min_fee", mentions: "must be between 1 and") {
            Self.editParameters(&$0) { $0["min_fee"] = "0" }
        }
    }

    func testCommentMustBeAString() {
        assertError("genesis.comment", mentions: "must be a string") { $0["comment"] = 5 }
    }

    func testFeeSplitMustAddUpTo10000() {
        // The path is the parameters object; the problem names the field (see the report on this choice).
        assertError("genesis.parameters", mentions: "fee_split_bps must add up to 10000, got 9999") {
            Self.editParameters(&$0) { $0["fee_split_bps"] = ["burn": 4000, "reward_pool": 3000, "treasury": 2000, "liquidity": 999] }
        }
        assertError("genesis.parameters.fee_split_bps.burn", mentions: "must be between 0 and 10000") {
            Self.editParameters(&$0) { $0["fee_split_bps"] = ["burn": 10_001, "reward_pool": 0, "treasury": 0, "liquidity": 0] }
        }
        // A share left out keeps its default (treasury 2000), and the sum is checked.
        assertError("genesis.parameters", mentions: "fee_split_bps must add up to 10000, got 12000") {
            Self.editParameters(&$0) { $0["fee_split_bps"] = ["burn": 4000, "reward_pool": 3000, "liquidity": 3000] }
        }
    }

    func testBadAmount() {
        for bad in ["12.5.3", "-5", "1e3", "", "0x10", "1.0000000000000000001AI", "340282366920938463463374607431768211456"] {
            assertError("genesis.allocations[0].amount", mentions: "is not an amount") {
                var allocations = Self.allocations($0)
                allocations[0]["amount"] = bad
                $0["allocations"] = allocations
            }
        }
        assertError("genesis.allocations[1].amount", mentions: "must be a string") {
            var allocations = Self.allocations($0)
            allocations[1]["amount"] = 1000
            $0["allocations"] = allocations
        }
        assertError("genesis.allocations[1].amount", mentions: "greater than zero") {
            var allocations = Self.allocations($0)
            allocations[1]["amount"] = "0"
            $0["allocations"] = allocations
        }
    }

    func testBadAddress() {
        let good = TestKeys.address("alice").text
        var typo = Array(good)
        typo[10] = typo[10] == "q" ? "p" : "q"
        assertError("genesis.allocations[0].address", mentions: "checksum") {
            var allocations = Self.allocations($0)
            allocations[0]["address"] = String(typo)
            $0["allocations"] = allocations
        }
        assertError("genesis.allocations[0]", mentions: "exactly one of 'address' or 'module'") {
            var allocations = Self.allocations($0)
            allocations[0]["module"] = "treasury"
            $0["allocations"] = allocations
        }
        assertError("genesis.allocations[0].adress", mentions: "did you mean 'address'") {
            var allocations = Self.allocations($0)
            allocations[0]["adress"] = allocations[0]["address"]
            allocations[0]["address"] = nil
            $0["allocations"] = allocations
        }
    }

    func testUnknownModule() {
        assertError("genesis.allocations[2].module", mentions: "did you mean 'treasury'") {
            var allocations = Self.allocations($0)
            allocations[2]["module"] = "treasure"
            $0["allocations"] = allocations
        }
        assertError("genesis.allocations[2].module", mentions: "unknown module 'mint'") {
            var allocations = Self.allocations($0)
            allocations[2]["module"] = "mint"
            $0["allocations"] = allocations
        }
    }

    func testDuplicateAllocation() {
        assertError("genesis.allocations[3]", mentions: "allocated twice") {
            var allocations = Self.allocations($0)
            allocations.append(["address": TestKeys.address("alice").text, "amount": "1"])
            $0["allocations"] = allocations
        }
        // A module named twice, once by name and once by its address, is the same account.
        assertError("genesis.allocations[3]", mentions: "allocated twice") {
            var allocations = Self.allocations($0)
            allocations.append(["address": ModuleAccount.treasury.address.text, "amount": "1"])
            $0["allocations"] = allocations
        }
    }

    func testAllocationsOverMaximumSupply() {
        assertError("genesis.allocations", mentions: "maximum supply") {
            $0["allocations"] = [
                ["address": TestKeys.address("alice").text, "amount": "600000000AI"],
                ["module": "treasury", "amount": "400000000000000000000000001"],
            ]
        }
        // Past UInt128 in total: refused as over the supply, not as an overflow trap.
        assertError("genesis.allocations", mentions: "maximum supply") {
            $0["allocations"] = [
                ["address": TestKeys.address("alice").text, "amount": "340282366920938463463374607431768211455"],
                ["address": TestKeys.address("bob").text, "amount": "340282366920938463463374607431768211455"],
            ]
        }
    }

    func testValidators() {
        assertError("genesis.validators", mentions: "at least one validator") { $0["validators"] = [] as [Any] }
        assertError("genesis.validators", mentions: "required") { $0["validators"] = nil }
        assertError("genesis.validators[0].public_key", mentions: "64 hex digits") {
            $0["validators"] = [["name": "v", "public_key": "zz" + String(Self.validatorKey.dropFirst(2))]]
        }
        assertError("genesis.validators[0].public_key", mentions: "64 hex digits") {
            $0["validators"] = [["name": "v", "public_key": String(Self.validatorKey.dropFirst(2))]]
        }
        assertError("genesis.validators[1].public_key", mentions: "listed twice") {
            $0["validators"] = [["name": "v", "public_key": Self.validatorKey], ["name": "w", "public_key": Self.validatorKey]]
        }
        assertError("genesis.validators[1].name", mentions: "used twice") {
            $0["validators"] = [["name": "v", "public_key": Self.validatorKey], ["name": "v", "public_key": TestKeys.key("validator-b").publicKey.bytes.hex]]
        }
        // Keys that parse as 32 bytes but could never sign: small order (all zeros, the identity), a non-canonical
        // y ≥ p, and a mixed-order point (RFC 8032 key 1 plus the point of order 2, computed in Python).
        for bad in [String(repeating: "0", count: 64), "01" + String(repeating: "0", count: 62),
                    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                    "16a567fe7d4ef5482ab4012c369bf8c5f11e8d0c2559dcda50fde59708f8aee5"] {
            assertError("genesis.validators[0].public_key", mentions: "not a valid Ed25519 public key") {
                $0["validators"] = [["name": "v", "public_key": bad]]
            }
        }
        assertError("genesis.validators[0].name", mentions: "1–64 bytes") {
            $0["validators"] = [["name": "", "public_key": Self.validatorKey]]
        }
        assertError("genesis.validators[0].pubkey", mentions: "unknown field") {
            $0["validators"] = [["name": "v", "pubkey": Self.validatorKey]]
        }
    }

    func testBadChainId() {
        for bad in ["Proofmint", "proofmint test", "", String(repeating: "a", count: 65), "proofmint/1", "prööfmint"] {
            assertError("genesis.chain_id", mentions: "must be 1–64 characters") { $0["chain_id"] = bad }
        }
        assertError("genesis.chain_id", mentions: "must be a string") { $0["chain_id"] = 5 }
    }

    func testBadGenesisTime() {
        for bad in ["2026-13-01T00:00:00Z", "yesterday", "1767225600", "2026-01-01", "1969-12-31T23:59:59Z", ""] {
            assertError("genesis.genesis_time", mentions: "is not an RFC 3339 time") { $0["genesis_time"] = bad }
        }
    }

    func testNotJSONOrNotAnObject() {
        assertError(Array("{\"chain_id\": ".utf8), "genesis", mentions: "is not valid JSON")
        assertError(Array("chain_id = proofmint".utf8), "genesis", mentions: "is not valid JSON")
        assertError([], "genesis", mentions: "is not valid JSON")
        assertError(Array("[1, 2]".utf8), "genesis", mentions: "must be a JSON object")
        assertError("genesis.parameters", mentions: "must be a JSON object") { $0["parameters"] = 1 }
        assertError("genesis.parameters", mentions: "must be a JSON object") { $0["parameters"] = [1] }
        assertError("genesis.allocations", mentions: "must be an array") { $0["allocations"] = ["a": 1] }
    }

    // MARK: - Staking parameters

    static func editStaking(_ object: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        editParameters(&object) {
            var staking = $0["staking"] as? [String: Any] ?? [:]
            edit(&staking)
            $0["staking"] = staking
        }
    }

    func testStakingParametersParse() throws {
        var object = Self.validObject()
        Self.editParameters(&object) {
            $0["epoch_length"] = 7
            $0["staking"] = [
                "min_stake": "250AI", "unbonding_period": 0, "unstake_burn_bps": 25, "max_lock_epochs": 9,
                "lock_steps": [["min_epochs": 0, "multiplier_bps": 10_000], ["min_epochs": 3, "multiplier_bps": 50_000]],
                "tier_multipliers_bps": [10_000, 10_000, 10_000, 10_000, 50_000], "max_unbonding_entries": 256,
                "slash_sla_min_bps": 0, "slash_sla_max_bps": 0, "slash_attestation_bps": 10_000, "slash_malicious_bps": 1,
            ] as [String: Any]
        }
        let parameters = try Genesis.parse(json: Self.json(object)).parameters
        XCTAssertEqual(parameters.epochLength, 7)
        XCTAssertEqual(parameters.staking, StakingParameters(
            minStake: 250 * Tokens.one, unbondingPeriod: 0, unstakeBurnBps: 25, maxLockEpochs: 9,
            lockSteps: [.init(minEpochs: 0, multiplierBps: 10_000), .init(minEpochs: 3, multiplierBps: 50_000)],
            tierMultipliersBps: [10_000, 10_000, 10_000, 10_000, 50_000], maxUnbondingEntries: 256,
            slashSLAMinBps: 0, slashSLAMaxBps: 0, slashAttestationBps: 10_000, slashMaliciousBps: 1))
        // Members left out keep their defaults.
        Self.editParameters(&object) {
            $0["staking"] = ["min_stake": "5"]
            $0["epoch_length"] = nil
        }
        var expected = StakingParameters.defaults
        expected.minStake = 5
        XCTAssertEqual(try Genesis.parse(json: Self.json(object)).parameters.staking, expected)
        XCTAssertEqual(try Genesis.parse(json: Self.json(object)).parameters.epochLength, 60)
    }

    func testBadStakingParameters() {
        let bounds: [(String, Any, String)] = [

            ("lock_steps", [[String: Any]](), "staking.lock_steps must have 1 to 8 steps"),
            ("lock_steps", (0..<9).map { ["min_epochs": $0, "multiplier_bps": 10_000] }, "staking.lock_steps must have 1 to 8 steps"),
            ("lock_steps", [["min_epochs": 1, "multiplier_bps": 10_000]], "staking.lock_steps must start at 0 epochs"),
            ("lock_steps", [["min_epochs": 0, "multiplier_bps": 10_000], ["min_epochs": 0, "multiplier_bps": 11_000]], "strictly ascending"),
            ("lock_steps", [["min_epochs": 0, "multiplier_bps": 9_999]], "multipliers must be between 10000 and 50000"),
            ("lock_steps", [["min_epochs": 0, "multiplier_bps": 50_001]], "multipliers must be between 10000 and 50000"),
            ("slash_sla_min_bps", 501, "staking.slash_sla_min_bps must not exceed slash_sla_max_bps"),
        ]
        for (member, value, problem) in bounds {
            assertError("genesis.parameters", mentions: problem) { Self.editStaking(&$0) { $0[member] = value } }
        }
        // Each registry parameter is held to its registry bounds, and the error names it.
        let registryBounds: [(String, Any, String)] = [
            ("min_stake", "0", "must be between 1 and"),
            ("unstake_burn_bps", 10_001, "must be between 0 and 10000"),
            ("max_unbonding_entries", 0, "must be between 1 and 256"),
            ("max_unbonding_entries", 257, "must be between 1 and 256"),
            ("slash_attestation_bps", 10_001, "must be between 0 and 10000"),
            ("slash_malicious_bps", 65_535, "must be between 0 and 10000"),
        ]
        for (member, value, problem) in registryBounds {
            assertError("genesis.parameters.staking.\(member)", mentions: problem) { Self.editStaking(&$0) { $0[member] = value } }
        }
        assertError("genesis.parameters.staking.tier_multipliers_bps", mentions: "must have exactly 5 entries, got 4") {
            Self.editStaking(&$0) { $0["tier_multipliers_bps"] = [10_000, 12_000, 15_000, 18_000] }
        }
        assertError("genesis.parameters.staking.tier_multipliers_bps.4", mentions: "must be between 10000 and 50000") {
            Self.editStaking(&$0) { $0["tier_multipliers_bps"] = [10_000, 12_000, 15_000, 18_000, 9_000] }
        }
        assertError("genesis.parameters.epoch_length", mentions: "must be between 1 and 1000000 (blocks), got 0") {
            Self.editParameters(&$0) { $0["epoch_length"] = 0 }
        }
        assertError("genesis.parameters.staking.min_stak", mentions: "did you mean 'staking.min_stake'") {
            Self.editStaking(&$0) { $0["min_stak"] = "100AI" }
        }
        assertError("genesis.parameters.staking.lock_steps[1].min_epoch", mentions: "did you mean 'min_epochs'") {
            Self.editStaking(&$0) { $0["lock_steps"] = [["min_epochs": 0, "multiplier_bps": 10_000], ["min_epoch": 4, "multiplier_bps": 11_000]] }
        }
        assertError("genesis.parameters.staking.tier_multipliers_bps.2", mentions: "whole number") {
            Self.editStaking(&$0) { $0["tier_multipliers_bps"] = [10_000, 12_000, "15000", 18_000, 20_000] }
        }
        assertError("genesis.parameters.staking.slash_malicious_bps", mentions: "must be between 0 and 10000") {
            Self.editStaking(&$0) { $0["slash_malicious_bps"] = 65_536 }
        }
        assertError("genesis.parameters.staking.unbonding_period", mentions: "whole number") {
            Self.editStaking(&$0) { $0["unbonding_period"] = -1 }
        }
    }
}

final class GenesisTimeAndStrictJSONTests: XCTestCase {
    func testRFC3339IsParsedWithIntegersOnly() {
        XCTAssertEqual(RFC3339.unixMilliseconds("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(RFC3339.unixMilliseconds("2026-01-01T00:00:00Z"), 1_767_225_600_000)
        XCTAssertEqual(RFC3339.unixMilliseconds("2024-02-29T12:34:56.789Z"), 1_709_210_096_789)
        XCTAssertEqual(RFC3339.unixMilliseconds("2024-02-29T12:34:56.7891234Z"), 1_709_210_096_789)
        XCTAssertEqual(RFC3339.unixMilliseconds("2024-02-29T12:34:56.5Z"), 1_709_210_096_500)
        XCTAssertEqual(RFC3339.unixMilliseconds("2026-01-01T02:00:00+02:00"), 1_767_225_600_000)
        for bad in ["2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T24:00:00Z",
                    "2026-01-01T00:00:00", "2026-01-01T00:00:00.Z", "1969-12-31T23:59:59Z", "2026-01-01T00:00:00Zjunk"] {
            XCTAssertNil(RFC3339.unixMilliseconds(bad), bad)
        }
    }

    func testAMemberGivenTwiceIsAnErrorNotASilentChoice() {
        let json = #"{"chain_id": "a", "chain_id": "b", "genesis_time": "2026-01-01T00:00:00Z", "validators": [], "allocations": []}"#
        XCTAssertThrowsError(try Genesis.parse(json: Array(json.utf8))) { error in
            XCTAssertTrue("\(error)".contains("appears twice"), "\(error)")
        }
    }
}
