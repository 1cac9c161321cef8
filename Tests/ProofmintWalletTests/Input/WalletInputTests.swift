import XCTest
@testable import ProofmintWallet

final class WalletInputTests: XCTestCase {
    func testAmounts() throws {
        XCTAssertEqual(try WalletInput.amount("10AI"), Tokens.one * 10)
        XCTAssertEqual(try WalletInput.amount("10 ai"), Tokens.one * 10)
        XCTAssertEqual(try WalletInput.amount("0.5AI"), Tokens.one / 2)
        XCTAssertEqual(try WalletInput.amount("25ai"), Tokens.one * 25)
        XCTAssertEqual(try WalletInput.amount("10000000000000000000base"), Tokens.one * 10)
        XCTAssertEqual(try WalletInput.amount("1base"), 1)
        XCTAssertEqual(try WalletInput.amount("1 BASE"), 1)
        XCTAssertEqual(try WalletInput.amount("0", allowZero: true), 0, "zero is zero in any unit")
    }

    /// `--amount 25` used to mean 25 base units without a word; now the wallet asks for the unit and shows both.
    func testABareNumberIsRefusedAndTheMessageSaysHowToWriteIt() {
        XCTAssertThrowsError(try WalletInput.amount("25")) { error in
            XCTAssertEqual(error as? InputError, .missingUnit(field: "amount", text: "25"))
            XCTAssertEqual("\(error)", "amount '25' has no unit: write 25AI for 25 tokens, or 25base for 25 base units (1 AI = 10^18 base units)")
        }
        XCTAssertThrowsError(try WalletInput.amount("1.5")) { error in
            XCTAssertEqual(error as? InputError, .missingUnit(field: "amount", text: "1.5"))
            XCTAssertEqual("\(error)", "amount '1.5' has no unit: write 1.5AI for 1.5 tokens")
        }
        XCTAssertThrowsError(try WalletInput.fee("2000")) { error in
            XCTAssertEqual(error as? InputError, .missingUnit(field: "fee", text: "2000"))
        }
    }

    func testNegativeAmountsSayTheyCannotBeNegative() {
        for text in ["-1AI", "-1", " -0.5ai", "-3base"] {
            XCTAssertThrowsError(try WalletInput.amount(text), text) { error in
                XCTAssertEqual(error as? InputError, .negativeAmount(field: "amount", text: text))
                XCTAssertTrue("\(error)".contains("amounts cannot be negative"), "\(error)")
            }
        }
    }

    func testBadAmountsAreRejectedWithTheAcceptedForms() {
        for text in ["", "ten", "1e18", "1.0000000000000000001AI", "AI", "base", "1.5base", "1,5AI", "01AI", "01base",
                     "340282366920938463463374607431768211456base"] {
            XCTAssertThrowsError(try WalletInput.amount(text), text) { error in
                XCTAssertEqual(error as? InputError, .invalidAmount(field: "amount", text: text))
                XCTAssertTrue("\(error)".contains("10AI"))
            }
        }
        XCTAssertThrowsError(try WalletInput.amount("0AI")) { error in
            XCTAssertEqual(error as? InputError, .zeroAmount(field: "amount"))
        }
    }

    func testFees() throws {
        XCTAssertEqual(try WalletInput.fee(nil), Tokens.one / 1000)
        XCTAssertEqual(try WalletInput.fee("0.002AI"), Tokens.one / 500)
        XCTAssertEqual(try WalletInput.fee("2000base"), 2000)
        XCTAssertThrowsError(try WalletInput.fee("cheap")) { error in
            XCTAssertEqual(error as? InputError, .invalidAmount(field: "fee", text: "cheap"))
        }
    }

    func testMemoLimit() throws {
        XCTAssertEqual(try WalletInput.memo(nil), [])
        XCTAssertEqual(try WalletInput.memo(String(repeating: "a", count: 256)).count, 256)
        XCTAssertThrowsError(try WalletInput.memo(String(repeating: "é", count: 129))) { error in
            XCTAssertEqual(error as? InputError, .memoTooLong(bytes: 258))
        }
    }

    func testAddresses() throws {
        let address = try DevAccounts.address(index: 0)
        XCTAssertEqual(try WalletInput.address(address.text), address)
        var typo = Array(address.text)
        typo[10] = typo[10] == "q" ? "p" : "q"
        XCTAssertThrowsError(try WalletInput.address(String(typo))) { error in
            guard case .invalidAddress(.badChecksum)? = error as? InputError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("typo"))
        }
        XCTAssertThrowsError(try WalletInput.address("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")) { error in
            guard case .invalidAddress? = error as? InputError else { return XCTFail("\(error)") }
        }
    }

    func testAccountsResolveAddressesAndKeyNames() throws {
        let temporary = TemporaryDirectory()
        defer { temporary.remove() }
        let keystore = Keystore(directory: temporary.path)
        let key = try DevAccounts.key(index: 2)
        try keystore.save(key, as: try KeyName("carol"), password: Array("pw".utf8), limits: .interactive)

        XCTAssertEqual(try WalletInput.account("carol", keystore: keystore), Address(publicKey: key.publicKey))
        XCTAssertEqual(try WalletInput.account(try DevAccounts.address(index: 5).text, keystore: keystore), try DevAccounts.address(index: 5))
        XCTAssertThrowsError(try WalletInput.account("dave", keystore: keystore)) { error in
            XCTAssertEqual(error as? InputError, .unknownAccount(text: "dave", keystore: temporary.path))
        }
        // Something shaped like an address is never looked up as a name.
        XCTAssertThrowsError(try WalletInput.account("pm1carol", keystore: keystore)) { error in
            guard case .invalidAddress? = error as? InputError else { return XCTFail("\(error)") }
        }
    }

    func testSeedsIdsAndSelectors() throws {
        let seedHex = String(repeating: "ab", count: 32)
        XCTAssertEqual(try WalletInput.seed(hex: " 0x\(seedHex)\n").seed.hex, seedHex)
        XCTAssertThrowsError(try WalletInput.seed(hex: "abcd")) { error in
            XCTAssertTrue("\(error)".contains("got 2 bytes"))
        }
        XCTAssertThrowsError(try WalletInput.transactionId("12"))
        XCTAssertEqual(try WalletInput.transactionId(seedHex).hex, seedHex)

        XCTAssertEqual(try BlockSelector(text: "latest"), .latest)
        XCTAssertEqual(try BlockSelector(text: "42"), .height(42))
        XCTAssertEqual(try BlockSelector(text: seedHex), .hash(try XCTUnwrap(Hash32(hex: seedHex))))
        let hash = try XCTUnwrap(Hash32(hex: seedHex))
        XCTAssertEqual(try BlockSelector(text: "latest").params(full: false), BlockParams(height: .latest, full: false))
        XCTAssertEqual(BlockSelector.height(42).params(full: true), BlockParams(height: .number(42), full: true))
        XCTAssertEqual(BlockSelector.hash(hash).params(full: false), BlockParams(hash: hash, full: false))
        XCTAssertEqual(BlockSelector.latest.params(full: false).json.compactText, #"{"height":"latest","hash":null,"full":false}"#)
        XCTAssertEqual(BlockSelector.height(42).params(full: true).json["height"], .uint(42))
        XCTAssertEqual(BlockSelector.hash(hash).params(full: false).json["hash"], .string(seedHex))
        XCTAssertThrowsError(try BlockSelector(text: "-1")) { error in
            XCTAssertEqual(error as? InputError, .invalidBlockSelector("-1"))
        }
        XCTAssertThrowsError(try WalletInput.chainId(String(repeating: "c", count: 65)))
    }

    /// The token a node's --control-token-file holds, from the flag or PROOFMINT_CONTROL_TOKEN_FILE; none by default.
    func testControlTokenResolution() throws {
        let directory = NSTemporaryDirectory() + "proofmint-token-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/token"
        try Data("  secret-token\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(try WalletEnvironment(variables: [:]).nodeClient(flag: nil).controlToken)
        XCTAssertEqual(try WalletEnvironment(variables: ["PROOFMINT_CONTROL_TOKEN_FILE": path]).nodeClient(flag: nil).controlToken, "secret-token")
        XCTAssertEqual(try WalletEnvironment(variables: [:]).nodeClient(flag: nil, controlTokenFile: path).controlToken, "secret-token")
        XCTAssertThrowsError(try WalletEnvironment(variables: [:]).nodeClient(flag: nil, controlTokenFile: directory + "/missing")) { error in
            guard case .controlToken = error as? RPCError else { return XCTFail("\(error)") }
        }
    }

    func testEnvironmentResolution() throws {
        let environment = WalletEnvironment(variables: [
            "HOME": "/home/u", "PROOFMINT_NODE": "http://10.0.0.1:9000", "PROOFMINT_KDF": "interactive",
        ])
        XCTAssertEqual(environment.keystore(flag: nil).directory, "/home/u/.proofmint/keys")
        XCTAssertEqual(environment.keystore(flag: "/k/").directory, "/k")
        XCTAssertEqual(WalletEnvironment(variables: ["PROOFMINT_KEYSTORE": "/e"]).keystore(flag: nil).directory, "/e")
        XCTAssertEqual(try environment.nodeClient(flag: nil).url.absoluteString, "http://10.0.0.1:9000")
        XCTAssertEqual(try environment.nodeClient(flag: "127.0.0.1:1234").url.absoluteString, "http://127.0.0.1:1234")
        XCTAssertEqual(try WalletEnvironment(variables: [:]).nodeClient(flag: nil).url.absoluteString, NodeClient.defaultURL)
        XCTAssertThrowsError(try environment.nodeClient(flag: "ftp://x"))
        XCTAssertEqual(try environment.kdfLimits(flag: nil), .interactive)
        XCTAssertEqual(try WalletEnvironment(variables: [:]).kdfLimits(flag: nil), .moderate)
        // `keys import-dev` falls back to interactive, but PROOFMINT_KDF and --kdf still decide when given.
        XCTAssertEqual(try WalletEnvironment(variables: [:]).kdfLimits(flag: nil, fallback: .interactive), .interactive)
        XCTAssertEqual(try WalletEnvironment(variables: ["PROOFMINT_KDF": "moderate"]).kdfLimits(flag: nil, fallback: .interactive), .moderate)
        XCTAssertEqual(try environment.kdfLimits(flag: "moderate", fallback: .interactive), .moderate)
        XCTAssertThrowsError(try environment.kdfLimits(flag: "fast")) { error in
            XCTAssertEqual(error as? InputError, .invalidKDF("fast"))
        }
    }
}
