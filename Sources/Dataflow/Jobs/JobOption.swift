/// One `--name VALUE` option a job accepts.
public struct JobOption: Sendable, Equatable {
    public var name: String
    public var help: String
    /// The value when the option is not given; nil makes the option required.
    public var defaultValue: String?

    public init(_ name: String, help: String, defaultValue: String? = nil) {
        self.name = name
        self.help = help
        self.defaultValue = defaultValue
    }

    public var isRequired: Bool { defaultValue == nil }
}
