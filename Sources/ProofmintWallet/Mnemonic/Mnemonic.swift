import Foundation
import ProofmintCrypto

/// A BIP39 mnemonic over the English word list: the human-writable backup of a wallet's seed.
///
/// `description` never shows the words, so a mnemonic cannot leak into a log by accident; use `phrase`.
public struct Mnemonic: Equatable, Sendable, CustomStringConvertible {
    public static let validWordCounts = [12, 15, 18, 21, 24]
    /// PBKDF2 rounds fixed by BIP39.
    public static let seedIterations = 2048
    public static let seedLength = 64

    /// The normalised words (lower case), in order.
    public let words: [String]
    /// The entropy the words encode (16–32 bytes).
    public let entropy: Bytes

    /// The words joined by single spaces: what the seed is computed from.
    public var phrase: String { words.joined(separator: " ") }

    public var description: String { "Mnemonic(\(words.count) words)" }

    /// Encodes `entropy` as words: each 11 bits of entropy ‖ checksum (the first ENT/32 bits of its SHA-256) pick a word.
    public init(entropy: Bytes) throws(MnemonicError) {
        guard [16, 20, 24, 28, 32].contains(entropy.count) else { throw .invalidEntropyLength(entropy.count) }
        let checksumBits = entropy.count / 4
        let bits = Self.bits(of: entropy) + Array(Self.bits(of: SHA2.sha256(entropy)).prefix(checksumBits))
        var words = [String]()
        var start = 0
        while start < bits.count {
            var index = 0
            for bit in bits[start..<(start + 11)] { index = index << 1 | Int(bit) }
            words.append(BIP39EnglishWordlist.words[index])
            start += 11
        }
        self.words = words
        self.entropy = entropy
    }

    /// Parses and validates typed or pasted words: case and extra whitespace are forgiven, unknown words and a
    /// wrong checksum are not.
    public init(phrase: String) throws(MnemonicError) {
        let normalized = phrase.decomposedStringWithCompatibilityMapping.lowercased()
        let words = normalized.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard Self.validWordCounts.contains(words.count) else { throw .wrongWordCount(words.count) }
        var bits = [UInt8]()
        bits.reserveCapacity(words.count * 11)
        for (position, word) in words.enumerated() {
            guard let index = BIP39EnglishWordlist.indexByWord[word] else {
                throw .unknownWord(word: word, position: position + 1, suggestion: Self.closestWord(to: word))
            }
            for shift in stride(from: 10, through: 0, by: -1) { bits.append(UInt8((index >> shift) & 1)) }
        }
        let checksumBits = words.count / 3
        let entropyBits = bits.count - checksumBits
        var entropy = Bytes(repeating: 0, count: entropyBits / 8)
        for (position, bit) in bits.prefix(entropyBits).enumerated() where bit == 1 {
            entropy[position / 8] |= 0x80 >> UInt8(position % 8)
        }
        let expected = Array(Self.bits(of: SHA2.sha256(entropy)).prefix(checksumBits))
        guard Array(bits.suffix(checksumBits)) == expected else { throw .badChecksum }
        self.words = words
        self.entropy = entropy
    }

    /// A new mnemonic from the operating system's random source: 24 words (256 bits) by default, or 12, 15, 18, 21.
    public static func generate(wordCount: Int = 24) throws(MnemonicError) -> Mnemonic {
        guard validWordCounts.contains(wordCount) else { throw .wrongWordCount(wordCount) }
        return try Mnemonic(entropy: SecureRandom.bytes(wordCount * 4 / 3))
    }

    /// The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512(NFKD(phrase), NFKD("mnemonic" + passphrase), 2048 rounds).
    public func seed(passphrase: String = "") -> Bytes {
        Self.seed(phrase: phrase, passphrase: passphrase)
    }

    /// The BIP39 seed of a phrase without validating it (the derivation does not depend on the checksum).
    static func seed(phrase: String, passphrase: String) -> Bytes {
        SHA2.pbkdf2SHA512(
            password: Array(phrase.decomposedStringWithCompatibilityMapping.utf8),
            salt: Array(("mnemonic" + passphrase).decomposedStringWithCompatibilityMapping.utf8),
            iterations: seedIterations,
            length: seedLength)
    }

    /// The list word nearest to `word` by edit distance (ties go to the earlier word); nil if nothing is close.
    public static func closestWord(to word: String) -> String? {
        let typed = Array(word.unicodeScalars)
        var best: (word: String, distance: Int)?
        for candidate in BIP39EnglishWordlist.words {
            let distance = editDistance(typed, Array(candidate.unicodeScalars))
            if best == nil || distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        // A suggestion that changes most of the word is noise, not help.
        guard let best, best.distance <= Swift.max(2, typed.count / 2) else { return nil }
        return best.word
    }

    /// The words of the English list, in order (index = 11-bit value).
    public static var englishWordlist: [String] { BIP39EnglishWordlist.words }

    private static func bits(of bytes: Bytes) -> [UInt8] {
        var bits = [UInt8]()
        bits.reserveCapacity(bytes.count * 8)
        for byte in bytes {
            for shift in stride(from: 7, through: 0, by: -1) { bits.append((byte >> UInt8(shift)) & 1) }
        }
        return bits
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
