/// "Did you mean ...?" for a misspelled name: the closest known name by edit distance.
public enum NameSuggestion {
    /// The name in `candidates` closest to `name` (case-insensitive Levenshtein distance), when
    /// it is close enough to be a plausible typo: at most 1 edit for names up to 4 characters,
    /// 2 up to 8, 3 beyond. Ties go to the earlier candidate.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        // Two edits even for short names: a swapped pair of letters ('nmae') is two edits.
        let allowed = target.count <= 8 ? 2 : 3
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()), limit: allowed)
            guard distance <= allowed, distance > 0 || candidate != name else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The Levenshtein distance of `a` and `b`, or `limit + 1` once it must exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `message` followed by the suggestion for `name`, if there is one: "...; did you mean 'x'?".
    public static func message(_ message: String, for name: String, among candidates: [String]) -> String {
        guard let suggestion = closest(to: name, among: candidates) else { return message }
        return message + "; did you mean '\(suggestion)'?"
    }
}
