import SluiceCore

/// The option values a job was submitted with, checked against its options. The same values reach
/// every worker, which rebuilds the job's datasets from them.
public struct JobArguments: Sendable, Equatable {
    public private(set) var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    /// Parses `--name value` and `--name=value` pairs against `job`'s options, filling defaults.
    ///
    /// - Throws: `SluiceError.userInput` for an unknown or missing option, listing the valid ones.
    public init(parsing arguments: [String], for job: JobDefinition) throws {
        var values: [String: String] = [:]
        var index = 0
        let known = Set(job.options.map(\.name))
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else {
                throw SluiceError.userInput("job \(job.name): unexpected argument '\(argument)'; options are \(job.optionList)")
            }
            var name = String(argument.dropFirst(2))
            var value: String
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            } else {
                guard index + 1 < arguments.count else {
                    throw SluiceError.userInput("job \(job.name): option --\(name) needs a value")
                }
                index += 1
                value = arguments[index]
            }
            guard known.contains(name) else {
                throw SluiceError.userInput("job \(job.name) has no option --\(name); options are \(job.optionList)")
            }
            values[name] = value
            index += 1
        }
        for option in job.options where values[option.name] == nil {
            guard let defaultValue = option.defaultValue else {
                throw SluiceError.userInput("job \(job.name) needs --\(option.name) (\(option.help)); options are \(job.optionList)")
            }
            values[option.name] = defaultValue
        }
        self.values = values
    }

    /// The value of an option the job declared.
    public func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw SluiceError.internal("job option --\(name) was not declared") }
        return value
    }

    /// The value of an option as an integer.
    ///
    /// - Throws: `SluiceError.userInput` naming the option when the value is not a whole number.
    public func int(_ name: String) throws -> Int {
        let text = try string(name)
        guard let value = Int(text) else { throw SluiceError.userInput("option --\(name): '\(text)' is not a whole number") }
        return value
    }

    /// The value of an option as a number.
    public func double(_ name: String) throws -> Double {
        let text = try string(name)
        guard let value = Double(text) else { throw SluiceError.userInput("option --\(name): '\(text)' is not a number") }
        return value
    }

    /// The value of an option as `true` or `false`.
    ///
    /// - Throws: `SluiceError.userInput` naming the option for any other text.
    public func bool(_ name: String) throws -> Bool {
        switch try string(name) {
        case "true": return true
        case "false": return false
        case let text: throw SluiceError.userInput("option --\(name): '\(text)' is not true or false")
        }
    }

    /// The arguments as `--name value` pairs in name order, to send to workers.
    public var commandLine: [String] {
        values.keys.sorted().flatMap { ["--\($0)", values[$0]!] }
    }
}
