/// HDFS permission checks in simple security mode for one caller. The superuser passes every
/// check; anyone else is matched against the owner bits when they own the inode, the group bits
/// when the inode's group is their own name (there is no group mapping, so nobody is a member of
/// "supergroup"), and the other bits otherwise. Failures carry Hadoop's wording so clients and
/// scripts see what HDFS would say.
struct PermissionChecker {
    /// An access mode as Hadoop's `FsAction` names it.
    struct Access: Equatable {
        let bits: UInt16
        let name: String

        static let read = Access(bits: 4, name: "READ")
        static let write = Access(bits: 2, name: "WRITE")
        static let execute = Access(bits: 1, name: "EXECUTE")
        static let readExecute = Access(bits: 5, name: "READ_EXECUTE")
        static let all = Access(bits: 7, name: "ALL")
    }

    static let stickyBit: UInt16 = 0o1000

    let user: String
    let isSuperuser: Bool

    init(user: String, superuser: String) {
        self.user = user
        self.isSuperuser = user == superuser
    }

    /// Throws unless the caller has `access` on `node`.
    func check(_ node: INode, _ access: Access) throws {
        guard !isSuperuser else { return }
        let granted: UInt16
        if node.owner == user {
            granted = (node.permission >> 6) & 7
        } else if node.group == user {
            granted = (node.permission >> 3) & 7
        } else {
            granted = node.permission & 7
        }
        guard granted & access.bits == access.bits else {
            throw BlockStoreError(
                .accessControl,
                "Permission denied: user=\(user), access=\(access.name), inode=\(Self.describe(node))")
        }
    }

    /// Throws unless the caller may pass through every directory of `ancestors` (x on each).
    func checkTraverse(_ ancestors: [INode]) throws {
        for ancestor in ancestors where ancestor.isDirectory {
            try check(ancestor, .execute)
        }
    }

    /// Throws unless the caller owns `node` (setPermission, setOwner, setTimes by owner).
    func checkOwner(_ node: INode) throws {
        guard !isSuperuser, node.owner != user else { return }
        throw BlockStoreError(
            .accessControl, "Permission denied. user=\(user) is not the owner of inode=\(node.path)")
    }

    /// Throws when `parent` has the sticky bit and the caller owns neither it nor `child`.
    func checkStickyBit(parent: INode, child: INode) throws {
        guard !isSuperuser, parent.permission & Self.stickyBit != 0 else { return }
        guard parent.owner != user, child.owner != user else { return }
        throw BlockStoreError(
            .accessControl,
            "Permission denied by sticky bit: user=\(user), path=\(Self.describe(child)), "
                + "parent=\(Self.describe(parent))")
    }

    /// Throws unless the caller has rwx on every non-empty directory below and including `node`
    /// (what a recursive delete of a directory needs).
    func checkSubtreeAll(_ node: INode) throws {
        guard !isSuperuser, node.isDirectory, !node.children.isEmpty else { return }
        try check(node, .all)
        for child in node.children.values where child.isDirectory {
            try checkSubtreeAll(child)
        }
    }

    /// Hadoop's `"/a":alice:alice:drwxr-xr-x`.
    static func describe(_ node: INode) -> String {
        "\"\(node.path)\":\(node.owner):\(node.group):\(modeText(node.permission, isDirectory: node.isDirectory))"
    }

    /// `ls -l`'s mode text, with `t`/`T` for the sticky bit.
    static func modeText(_ permission: UInt16, isDirectory: Bool) -> String {
        var text = isDirectory ? "d" : "-"
        let letters: [Character] = ["r", "w", "x"]
        for shift in stride(from: 6, through: 0, by: -3) {
            let bits = (permission >> UInt16(shift)) & 7
            for (index, letter) in letters.enumerated() {
                let isSet = bits & (4 >> UInt16(index)) != 0
                if shift == 0, index == 2, permission & stickyBit != 0 {
                    text.append(isSet ? "t" : "T")
                } else {
                    text.append(isSet ? letter : "-")
                }
            }
        }
        return text
    }
}
