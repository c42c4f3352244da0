import SluiceCore

/// One input of a vectorized kernel: a contiguous array with one value per row, or one value
/// that stands for every row (a literal). Kernels specialize on the two shapes so that
/// column-versus-literal loops read a single buffer.
enum Operand<Element> {
    case vector([Element])
    case scalar(Element)
}

/// Variable-width input of a kernel: a buffer of strings or bytes, or one value for every row.
enum BytesOperand {
    case vector(BinaryBuffer)
    case scalar([UInt8])
}
