/// Read access to the stored nodes of the current state tree. Storage implements it; the tree never writes.
public protocol TreeNodeReader {
    func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode?
}

/// A storage read failed: the database is unreadable or holds bytes that do not decode.
public struct StateReadError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
