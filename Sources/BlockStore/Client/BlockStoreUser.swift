#if canImport(Glibc)
import Glibc
#endif

/// Who the caller is, in security-off HDFS terms: `HADOOP_USER_NAME` or `SLUICE_USER` when set,
/// else the login name of the process's user.
public enum BlockStoreUser {
    public static func current() -> String {
        for variable in ["SLUICE_USER", "HADOOP_USER_NAME"] {
            if let value = getenv(variable), let name = String(validatingCString: value), !name.isEmpty {
                return name
            }
        }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name) {
            return text
        }
        return "root"
    }
}
