import Foundation
import ProofmintCore
import ProofmintRPC
import XCTest

/// docs/RPC.md is checked against the contract: every method and every named object is documented, with exactly
/// the members the types have and the JSON types they are encoded with, and nothing documented that does not exist.
final class RPCDocumentationTests: XCTestCase {
    /// The named objects the methods refer to, documented once each under "Objects".
    static let namedObjects: [any RPCNamedObject.Type] = [
        HeaderView.self, SignedHeaderView.self, TransactionView.self, ComputeReceiptView.self, ProposalContentView.self,
        ReceiptView.self, EventView.self, StakeView.self, UnbondingView.self, ProposalView.self, TallyView.self, FeeFiguresView.self,
        ReceiptRecordView.self, ChallengeView.self,
        AttestationView.self, StakeAttestationView.self, AttestorView.self,
    ]

    func testEveryMethodIsDocumentedWithItsExactMembers() throws {
        let document = try RPCDocument.load()
        let documented = Set(document.sections.keys.filter { $0.hasPrefix("pm_") })
        XCTAssertEqual(documented, Set(RPCMethod.allCases.map(\.rawValue)), "methods in docs/RPC.md vs RPCMethod")
        for method in RPCMethod.allCases {
            let section = document.sections[method.rawValue] ?? RPCDocument.Section()
            XCTAssertEqual(section.params, Self.rows(params(of: method.call)), "params of \(method.rawValue)\n\(Self.table("param", params(of: method.call)))")
            XCTAssertEqual(section.fields, Self.rows(result(of: method.call)), "result of \(method.rawValue)\n\(Self.table("field", result(of: method.call)))")
        }
    }

    func testEveryNamedObjectIsDocumentedWithItsExactMembers() throws {
        let document = try RPCDocument.load()
        for object in Self.namedObjects {
            let fields = RPCSchema.fields(of: object)
            let section = document.sections[object.rpcName]
            XCTAssertNotNil(section, "docs/RPC.md has no section `### \(object.rpcName)`")
            XCTAssertEqual(section?.fields, Self.rows(fields), "members of \(object.rpcName)\n\(Self.table("field", fields))")
        }
        let named = Set(Self.namedObjects.map { $0.rpcName })
        let sections = Set(document.sections.keys.filter { !$0.hasPrefix("pm_") })
        XCTAssertEqual(sections, named, "object sections in docs/RPC.md vs the contract's named objects")
    }

    /// One JSON type per member name across the whole contract, except names listed here with why they differ.
    /// The "Errors" table lists exactly the codes the contract has, so a client written from the docs knows every one.
    func testTheErrorTableListsExactlyTheContractsCodes() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/RPC.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let errors = try XCTUnwrap(text.components(separatedBy: "\n## Errors\n").dropFirst().first, "docs/RPC.md has no `## Errors`")
        let section = errors.components(separatedBy: "\n## ").first ?? ""
        let documented = section.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("| -") else { return nil }
            return Int(line.dropFirst(2).prefix { $0 != " " && $0 != "|" })
        }
        XCTAssertEqual(documented.count, Set(documented).count, "a code is listed twice in docs/RPC.md's Errors table")
        XCTAssertEqual(Set(documented), Set(RPCErrorCode.allCases.map(\.rawValue)), "docs/RPC.md's Errors table vs RPCErrorCode")
    }

    func testAMemberNameHasOneJSONTypeEverywhere() {
        let twoMeanings: Set<String> = [
            "id",  // a transaction's id (hash) or a proposal's number
            "stake",  // a stake record, or a preview's before/after of one
            "proposal",  // a proposal's content in a `propose` transaction, or the proposal itself
            "error",  // a preview's reason it would not execute
            "forfeited",  // whether a provider's epoch reward was forfeited (pm_getRewards), or the amount an epoch's settlement forfeited
        ]
        var seen = [String: (type: String, at: String)]()
        // Results and objects: params are inputs (`height` there may also be "latest").
        var schemas = RPCMethod.allCases.map { ($0.rawValue, result(of: $0.call)) }
        schemas += Self.namedObjects.map { ($0.rpcName, RPCSchema.fields(of: $0)) }
        for (owner, fields) in schemas {
            for field in fields {
                let name = String(field.path.split(separator: ".").last ?? "")
                guard !twoMeanings.contains(name) else { continue }
                if let earlier = seen[name] {
                    XCTAssertEqual(field.type, earlier.type, "'\(name)' is \(field.type) in \(owner) but \(earlier.type) in \(earlier.at)")
                } else {
                    seen[name] = (field.type, owner)
                }
            }
        }
    }

    private func params<Call: RPCCall>(of call: Call.Type) -> [RPCSchema.Field] { RPCSchema.fields(of: Call.Params.self) }
    private func result<Call: RPCCall>(of call: Call.Type) -> [RPCSchema.Field] { RPCSchema.fields(of: Call.Result.self) }

    static func rows(_ fields: [RPCSchema.Field]) -> [RPCDocument.Row] { fields.map { RPCDocument.Row(path: $0.path, type: $0.typeText) } }

    /// The table a section should hold, for the failure message.
    static func table(_ heading: String, _ fields: [RPCSchema.Field]) -> String {
        (["| \(heading) | type | meaning |", "| --- | --- | --- |"] + fields.map { "| `\($0.path)` | \($0.typeText) | |" }).joined(separator: "\n")
    }
}

/// docs/RPC.md read as sections (`### \`pm_getAccount\``, `### Transaction`) holding `param` and `field` tables.
struct RPCDocument {
    struct Row: Equatable, CustomStringConvertible {
        let path: String
        let type: String
        var description: String { "\(path): \(type)" }
    }

    struct Section {
        var params: [Row] = []
        var fields: [Row] = []
    }

    var sections: [String: Section] = [:]

    static func load() throws -> RPCDocument {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/RPC.md")
        return RPCDocument(text: try String(contentsOf: url, encoding: .utf8))
    }

    init(text: String) {
        var current: String?
        var table: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") { current = nil }
            if line.hasPrefix("### ") {
                current = line.dropFirst(4).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
                sections[current ?? ""] = Section()
                table = nil
                continue
            }
            guard let section = current, line.hasPrefix("|") else {
                table = nil
                continue
            }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            if cells[0] == "param" || cells[0] == "field" {
                table = cells[0]
                continue
            }
            guard let kind = table, cells[0].hasPrefix("`") else { continue }
            let row = Row(path: cells[0].replacingOccurrences(of: "`", with: ""), type: cells[1].replacingOccurrences(of: "\\|", with: "|"))
            if kind == "param" { sections[section]?.params.append(row) } else { sections[section]?.fields.append(row) }
        }
    }
}
