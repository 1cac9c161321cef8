/// Why a mnemonic was refused, worded so the user can find and fix the wrong word.
public enum MnemonicError: Error, Equatable, CustomStringConvertible {
    /// BIP39 mnemonics have 12, 15, 18, 21 or 24 words.
    case wrongWordCount(Int)
    /// `word` (1-based `position`) is not in the English list; `suggestion` is the closest word that is.
    case unknownWord(word: String, position: Int, suggestion: String?)
    /// Every word is valid but the checksum bits do not match: a word is wrong or out of place.
    case badChecksum
    /// Entropy must be 16, 20, 24, 28 or 32 bytes.
    case invalidEntropyLength(Int)

    public var description: String {
        switch self {
        case let .wrongWordCount(count):
            return "a mnemonic has 12, 15, 18, 21 or 24 words, this one has \(count)"
        case let .unknownWord(word, position, suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return "word \(position) '\(word)' is not in the BIP39 English word list\(hint)"
        case .badChecksum:
            return "the mnemonic's checksum does not match: one of the words is wrong or the words are out of order"
        case let .invalidEntropyLength(count):
            return "mnemonic entropy must be 16, 20, 24, 28 or 32 bytes, got \(count)"
        }
    }
}
