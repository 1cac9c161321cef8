import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Pins the transaction error table: receipts store the number and clients match on the name, so renumbering,
/// renaming or dropping a code must fail here, and docs/PROTOCOL.md §8.6 must list exactly the same rows.
final class TransactionErrorCodeTests: XCTestCase {
    /// The pin. Written out by hand on purpose: never edit a row, only append new ones.
    static let pinned: [(code: UInt16, name: String)] = [
        (0, "ok"),
        (1, "tx_too_large"), (2, "bad_signature"), (3, "wrong_chain_id"), (4, "zero_amount"), (5, "attestation_required"),
        (6, "attestation_unexpected"), (7, "lock_too_long"),
        (10, "nonce_too_low"), (11, "nonce_too_high"), (12, "expired"), (13, "fee_too_low"), (14, "cannot_pay_fee"),
        (15, "nonce_exhausted"),
        (20, "receipt_bad_signature"), (21, "receipt_wrong_chain"), (22, "receipt_wrong_provider"), (23, "quality_out_of_range"),
        (24, "zero_units"), (25, "price_below_minimum"), (26, "self_dealing"), (27, "empty_workload"), (28, "verdict_invalid"),
        (30, "invalid_proposal"),
        (100, "insufficient_balance"), (101, "balance_overflow"),
        (102, "stake_below_minimum"), (103, "lock_shortened"), (104, "jailed"), (105, "no_stake"), (106, "unstake_exceeds_stake"),
        (107, "stake_locked"), (108, "remainder_below_minimum"), (109, "too_many_unbonding_entries"), (110, "nothing_matured"),
        (111, "stake_held_for_slash"),
        (112, "not_jailed"), (113, "jail_period_not_over"),
        (120, "evidence_wrong_chain"), (121, "evidence_height_mismatch"), (122, "evidence_same_block"),
        (123, "evidence_producer_mismatch"), (124, "evidence_unknown_validator"), (125, "evidence_bad_signature"),
        (126, "evidence_already_handled"),
        (130, "job_already_paid"), (131, "receipt_epoch_out_of_window"), (132, "provider_not_staked"), (133, "consumer_cannot_pay"),
        (134, "epoch_full"),
        (140, "deposit_below_minimum"), (141, "proposer_power_too_low"), (142, "too_many_active_proposals"),
        (143, "parameter_out_of_bounds"), (144, "parameter_change_too_large"), (145, "parameters_invalid"),
        (146, "upgrade_height_too_soon"), (147, "unknown_proposal"), (148, "voting_closed"), (149, "not_eligible_to_vote"),
        (150, "proposal_full"), (151, "treasury_insufficient"), (152, "spend_limit_exceeded"),
        (160, "unknown_receipt"), (161, "not_awaiting_verdict"), (162, "not_assigned_validator"), (163, "already_validator"),
        (164, "not_a_validator"), (165, "validator_stake_too_low"), (166, "validator_set_full"), (167, "challenge_window_closed"),
        (168, "already_challenged"), (169, "receipt_removed"), (170, "no_open_challenge"), (171, "already_voted"),
        (172, "conflicted_voter"), (173, "provider_work_unsettled"),
        (180, "signed_attestation_required"), (181, "attestation_tier_mismatch"), (182, "attestation_wrong_chain"),
        (183, "attestation_wrong_provider"), (184, "attestation_bad_signature"), (185, "attestation_expired"),
        (186, "attestor_unknown"), (187, "attestor_revoked"), (188, "attestation_tier_above_max"), (189, "nothing_to_report"),
        (999, "state_unreadable"),
    ]

    func testEveryCodeAndNameIsPinned() {
        let table = TransactionErrorCode.allCases.map { ($0.rawValue, $0.name) }
        XCTAssertEqual(table.map(\.0), Self.pinned.map(\.code), "a code was added, removed or renumbered")
        for (code, name) in Self.pinned {
            XCTAssertEqual(TransactionErrorCode(rawValue: code)?.name, name, "code \(code)")
            XCTAssertEqual(TransactionError.name(forCode: code), name, "code \(code)")
            XCTAssertEqual(TransactionErrorCode(name: name)?.rawValue, code, name)
        }
        XCTAssertEqual(Set(table.map(\.1)).count, table.count, "two codes share a name")
    }

    func testOnlySuccessHasNoMessageAndUnknownCodesAreNamed() {
        for code in TransactionErrorCode.allCases {
            XCTAssertEqual(code.message == nil, code == .ok, "\(code.name)")
            XCTAssertEqual(code.entry.kind == .admission, (1..<100).contains(code.rawValue), "\(code.name)")
        }
        XCTAssertEqual(TransactionErrorCode.name(forCode: 77), "unknown_77")
        XCTAssertEqual(TransactionErrorCode.message(forCode: 77), "transaction error unknown_77")
        XCTAssertNil(TransactionErrorCode.message(forCode: 0))
        XCTAssertNil(TransactionErrorCode(name: "no_such_error"))
    }

    func testARichErrorTakesItsNumberAndNameFromTheTable() {
        let samples: [(TransactionError, TransactionErrorCode)] = [
            (.tooLarge(size: 5000, max: 4096), .txTooLarge),
            (.nonceTooLow(expected: 3, actual: 1), .nonceTooLow),
            (.jailed, .jailed),
            (.treasuryInsufficient(balance: 1, amount: 2), .treasuryInsufficient),
            (.stateUnreadable(StateReadError("disk")), .stateUnreadable),
        ]
        for (error, code) in samples {
            XCTAssertEqual(error.errorCode, code)
            XCTAssertEqual(error.code, code.rawValue)
            XCTAssertEqual(error.name, code.name)
        }
        // A value-free error reads as its table message; one with values names them.
        XCTAssertEqual(TransactionError.jailed.description, TransactionErrorCode.jailed.message)
        XCTAssertTrue(TransactionError.nonceTooLow(expected: 3, actual: 1).description.contains("3"))
    }

    /// docs/PROTOCOL.md §8.6 lists exactly the table's codes, names and admission class, both ways.
    func testProtocolSection86MatchesTheTable() throws {
        let root = RepositoryRoot.url
        let text = try String(contentsOf: root.appendingPathComponent("docs/PROTOCOL.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("### 8.6 ") }, "§8.6 heading not found")
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix("### ") }
        var documented = [(code: UInt16, name: String, kind: String)]()
        for line in section where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, let code = UInt16(cells[1]) else { continue }  // the header and divider rows
            documented.append((code, cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[3]))
        }
        XCTAssertEqual(documented.map(\.code), TransactionErrorCode.allCases.map(\.rawValue), "§8.6 codes differ from the table")
        for row in documented {
            guard let code = TransactionErrorCode(rawValue: row.code) else {
                XCTFail("§8.6 lists code \(row.code) (\(row.name)), which the table lacks")
                continue
            }
            XCTAssertEqual(row.name, code.name, "§8.6 names code \(row.code) differently")
            XCTAssertEqual(row.kind == "admission", code.entry.kind == .admission, "§8.6 class of \(row.name)")
        }
    }
}
