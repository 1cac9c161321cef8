/// What a target made of one input. Seeds are meant to be accepted (so the fuzzer starts deep inside the decoder);
/// mutations mostly are refused, with a typed error, which is just as good.
public enum FuzzVerdict: Equatable, Sendable {
    /// Decoded (and, where the format is canonical, re-encoded to the same bytes).
    case accepted
    /// Refused with a typed error.
    case refused
}
