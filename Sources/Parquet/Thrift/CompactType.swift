/// The 4-bit type id the Thrift Compact Protocol puts in field headers and list headers.
///
/// A struct field of type bool carries its value in the type id (`boolTrue` / `boolFalse`);
/// a bool list element is a full byte instead, and its element type id may be either.
enum CompactType: UInt8, Sendable {
    case stop = 0
    case boolTrue = 1
    case boolFalse = 2
    case i8 = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12
    case uuid = 13

    /// Whether this id marks a bool (as a field type, it also carries the value).
    var isBool: Bool { self == .boolTrue || self == .boolFalse }
}
