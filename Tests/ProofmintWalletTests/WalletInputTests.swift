import XCTest
@testable import ProofmintWallet

final class WalletInputTests: XCTestCase {
    func testAmounts() throws {
        XCTAssertEqual(try WalletInput.amount("10AI"), Tokens.one * 10)
        XCTAssertEqual(try WalletInput.amount("10 ai"), Tokens.one * 10)
        XCTAssertEqual(try WalletInput.amount("0.5AI"), Tokens.one / 2)
        XCTAssertEqual(try WalletInput.amount("10000000000000000000"), Tokens.one * 10)
        XCTAssertEqual(try WalletInput.amount("1"), 1)
    }

    func testBadAmountsAreRejectedWithTheAcceptedForms() {
        for text in ["", "ten", "1.5", "-1AI", "1e18", "1.0000000000000000001AI", "AI", "1,5AI", "01",
                     "340282366920938463463374607431768211456"] {
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
        XCTAssertEqual(try WalletInput.fee("2000"), 2000)
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
        XCTAssertThrowsError(try environment.kdfLimits(flag: "fast")) { error in
            XCTAssertEqual(error as? InputError, .invalidKDF("fast"))
        }
    }
}
