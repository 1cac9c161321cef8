/// Raw bytes. Arrays rather than `Data` keep hashing and encoding allocation-light and platform-neutral.
public typealias Bytes = [UInt8]

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal, no prefix. Written straight into the string's storage: RPC replies and logs hex every id.
    public var hex: String {
        String(unsafeUninitializedCapacity: count * 2) { out in
            let digits: StaticString = "0123456789abcdef"
            let table = digits.utf8Start
            for (index, byte) in enumerated() {
                out[2 * index] = table[Int(byte >> 4)]
                out[2 * index + 1] = table[Int(byte & 0x0f)]
            }
            return count * 2
        }
    }

    /// Parses hexadecimal (an optional `0x` prefix is accepted); nil on odd length or a non-hex digit.
    public init?(hex: String) {
        var text = hex
        let parsed = text.withUTF8 { Self.parse(hexDigits: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// The bytes of `digits` (after an optional `0x` or `0X`), nil on odd length or a non-hex digit.
    private static func parse(hexDigits digits: UnsafeBufferPointer<UInt8>) -> Bytes? {
        let start = digits.count >= 2 && digits[0] == UInt8(ascii: "0") && digits[1] | 0x20 == UInt8(ascii: "x") ? 2 : 0
        guard (digits.count - start) % 2 == 0 else { return nil }
        var valid = true
        let bytes = Bytes(unsafeUninitializedCapacity: (digits.count - start) / 2) { out, written in
            var index = start
            while index < digits.count {
                let high = nibble(digits[index]), low = nibble(digits[index + 1])
                guard high | low < 16 else {
                    valid = false
                    break
                }
                out[written] = high << 4 | low
                written += 1
                index += 2
            }
        }
        return valid ? bytes : nil
    }

    /// A hex digit's value, 0xff for anything else. Arithmetic, not `ClosedRange.contains`, which did not specialise
    /// and cost a protocol call a digit (a batch of 100 transactions is 30,000 digits).
    private static func nibble(_ c: UInt8) -> UInt8 {
        let digit = c &- UInt8(ascii: "0")
        if digit < 10 { return digit }
        let letter = (c | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? letter + 10 : 0xff
    }
}
