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

extension StateOverlay {
    /// The account at `address`; a storage failure becomes a typed error the executor turns into a block error.
    func accountOrFail(_ address: Address) throws(TransactionError) -> Account {
        do {
            return try account(address)
        } catch {
            throw .stateUnreadable(error)
        }
    }

    /// Adds `amount` to the balance at `address`; overflow is a transaction error, never a trap.
    mutating func credit(_ address: Address, _ amount: Amount) throws(TransactionError) {
        var account = try accountOrFail(address)
        let (sum, overflow) = account.balance.addingReportingOverflow(amount)
        guard !overflow else { throw .balanceOverflow }
        account.balance = sum
        setAccount(account, for: address)
    }
}
