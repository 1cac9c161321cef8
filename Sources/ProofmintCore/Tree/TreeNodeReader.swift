/// Read access to the stored nodes of the current state tree. Storage implements it; the tree never writes.
public protocol TreeNodeReader {
    func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode?
}
