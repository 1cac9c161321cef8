// TEMPORARY until the beacon branch merges (it adds the real `randomnessMix()` under 0x29).
extension StateOverlay {
    func randomnessMix() throws(TransactionError) -> Hash32 { .zero }
}
