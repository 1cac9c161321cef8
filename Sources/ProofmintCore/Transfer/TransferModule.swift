/// The transfer rules: checked in full before anything is written.
enum TransferModule {
    static func validateBasic(_ transfer: Transfer) throws(TransactionError) {
        guard transfer.amount > 0 else { throw .zeroAmount }
    }

    static func execute(_ transfer: Transfer, from sender: Address, state: inout StateOverlay) throws(TransactionError) -> [Event] {
        var source = try state.accountOrFail(sender)
        guard source.balance >= transfer.amount else {
            throw .insufficientBalance(balance: source.balance, needed: transfer.amount)
        }
        source.balance -= transfer.amount
        state.setAccount(source, for: sender)
        try state.credit(transfer.recipient, transfer.amount)
        return [.transfer(from: sender, to: transfer.recipient, amount: transfer.amount)]
    }
}
