#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// A compiled `LIKE` pattern over UTF-8 bytes: `%` matches any run of characters, `_` exactly
/// one character (code point), every other character itself; an escape character makes the
/// next character literal.
///
/// Patterns made of literals and `%` only are classified so the common forms run as one byte
/// search: `abc` (equality), `abc%` (prefix), `%abc` (suffix), `%abc%` (substring) and
/// `a%b%c` (anchored ends with ordered pieces between). Patterns with `_` use a backtracking
/// matcher that retries `%` only at character boundaries.
struct LikePattern: Sendable {
    enum Kind: Sendable {
        case matchesAll
        case exact([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case contains([UInt8])
        /// `first%middle[0]%...%last`: text starts with `first`, ends with `last`, and holds the
        /// middle pieces in order between them without overlap.
        case pieces(first: [UInt8], middle: [[UInt8]], last: [UInt8])
        case general([Token])
    }

    enum Token: Sendable, Equatable {
        case byte(UInt8)
        case anyCharacter
        case anyRun
    }

    let kind: Kind

    /// - Throws: `SluiceError` (user input) when the pattern ends with the escape character.
    init(_ pattern: [UInt8], escape: Character?) throws {
        let escapeBytes = escape.map { Array(String($0).utf8) } ?? []
        var tokens: [Token] = []
        var index = 0
        while index < pattern.count {
            if !escapeBytes.isEmpty, pattern[index...].starts(with: escapeBytes) {
                index += escapeBytes.count
                guard index < pattern.count else {
                    throw SluiceError.userInput("LIKE pattern '\(String(decoding: pattern, as: UTF8.self))' ends with its escape character")
                }
                let length = LikePattern.characterLength(leadingByte: pattern[index])
                for byte in pattern[index..<min(index + length, pattern.count)] { tokens.append(.byte(byte)) }
                index += length
                continue
            }
            switch pattern[index] {
            case UInt8(ascii: "%"):
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            case UInt8(ascii: "_"):
                tokens.append(.anyCharacter)
            default:
                tokens.append(.byte(pattern[index]))
            }
            index += 1
        }
        kind = LikePattern.classify(tokens)
    }

    private static func classify(_ tokens: [Token]) -> Kind {
        guard !tokens.contains(.anyCharacter) else { return .general(tokens) }
        var pieces: [[UInt8]] = [[]]
        for token in tokens {
            if case .byte(let byte) = token {
                pieces[pieces.count - 1].append(byte)
            } else {
                pieces.append([])
            }
        }
        // `pieces` alternates literal runs and `%`s: n pieces means n - 1 `%`s.
        switch pieces.count {
        case 1: return .exact(pieces[0])
        case 2 where pieces[0].isEmpty && pieces[1].isEmpty: return .matchesAll
        case 2 where pieces[1].isEmpty: return .prefix(pieces[0])
        case 2 where pieces[0].isEmpty: return .suffix(pieces[1])
        case 3 where pieces[0].isEmpty && pieces[2].isEmpty: return .contains(pieces[1])
        default: return .pieces(first: pieces[0], middle: Array(pieces.dropFirst().dropLast()), last: pieces[pieces.count - 1])
        }
    }

    /// Whether `text` (`count` bytes; nil only when empty) matches.
    @inline(__always)
    func matches(_ text: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        switch kind {
        case .matchesAll: return true
        case .exact(let literal): return LikePattern.equals(text, count, literal)
        case .prefix(let literal): return LikePattern.hasPrefix(text, count, literal)
        case .suffix(let literal): return LikePattern.hasSuffix(text, count, literal)
        case .contains(let literal): return LikePattern.find(literal, in: text, from: 0, to: count) != nil
        case .pieces(let first, let middle, let last):
            guard count >= first.count + last.count, LikePattern.hasPrefix(text, count, first),
                  LikePattern.hasSuffix(text, count, last) else { return false }
            var position = first.count
            let end = count - last.count
            for piece in middle {
                guard let found = LikePattern.find(piece, in: text, from: position, to: end) else { return false }
                position = found + piece.count
            }
            return true
        case .general(let tokens): return LikePattern.matchGeneral(tokens, text, count)
        }
    }

    @inline(__always)
    static func equals(_ text: UnsafePointer<UInt8>?, _ count: Int, _ literal: [UInt8]) -> Bool {
        count == literal.count && (count == 0 || literal.withUnsafeBufferPointer { memcmp(text!, $0.baseAddress!, count) == 0 })
    }

    @inline(__always)
    static func hasPrefix(_ text: UnsafePointer<UInt8>?, _ count: Int, _ literal: [UInt8]) -> Bool {
        count >= literal.count && (literal.isEmpty || literal.withUnsafeBufferPointer { memcmp(text!, $0.baseAddress!, $0.count) == 0 })
    }

    @inline(__always)
    static func hasSuffix(_ text: UnsafePointer<UInt8>?, _ count: Int, _ literal: [UInt8]) -> Bool {
        count >= literal.count
            && (literal.isEmpty || literal.withUnsafeBufferPointer { memcmp(text! + (count - $0.count), $0.baseAddress!, $0.count) == 0 })
    }

    /// The first position in `from ..< to` where `needle` starts and ends before `to`.
    static func find(_ needle: [UInt8], in text: UnsafePointer<UInt8>?, from start: Int, to end: Int) -> Int? {
        let needleCount = needle.count
        if needleCount == 0 { return start <= end ? start : nil }
        guard let text, end - start >= needleCount else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            let first = Int32(needle[0])
            var position = start
            let lastStart = end - needleCount
            while position <= lastStart {
                // memchr jumps to the next candidate first byte; memcmp checks the rest.
                guard let hit = memchr(text + position, first, lastStart - position + 1) else { return nil }
                let candidate = text.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if needleCount == 1 || memcmp(text + candidate + 1, needle.baseAddress! + 1, needleCount - 1) == 0 {
                    return candidate
                }
                position = candidate + 1
            }
            return nil
        }
    }

    /// The byte length of the UTF-8 character starting with `byte` (1 for stray bytes).
    @inline(__always)
    static func characterLength(leadingByte byte: UInt8) -> Int {
        if byte < 0xC0 { return 1 }
        if byte < 0xE0 { return 2 }
        if byte < 0xF0 { return 3 }
        return 4
    }

    /// Wildcard matching with one backtrack point: on a mismatch, the last `%` absorbs one more
    /// character and matching resumes after it.
    static func matchGeneral(_ tokens: [Token], _ text: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        var textIndex = 0
        var tokenIndex = 0
        var starToken = -1
        var starText = 0
        while textIndex < count {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .byte(let byte) where text![textIndex] == byte:
                    textIndex += 1
                    tokenIndex += 1
                    continue
                case .anyCharacter:
                    textIndex = min(count, textIndex + characterLength(leadingByte: text![textIndex]))
                    tokenIndex += 1
                    continue
                case .anyRun:
                    starToken = tokenIndex
                    starText = textIndex
                    tokenIndex += 1
                    continue
                default:
                    break
                }
            }
            guard starToken >= 0, starText < count else { return false }
            starText = min(count, starText + characterLength(leadingByte: text![starText]))
            textIndex = starText
            tokenIndex = starToken + 1
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .anyRun { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}
