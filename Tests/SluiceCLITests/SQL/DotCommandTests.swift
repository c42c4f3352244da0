import SluiceCore
import Testing
@testable import SluiceCommandLine

@Suite struct DotCommandTests {
    @Test func parsesEveryCommand() throws {
        #expect(try DotCommand.parse(".tables") == .tables)
        #expect(try DotCommand.parse("  .schema  orders ") == .schema(table: "orders"))
        #expect(try DotCommand.parse(".schema \"My Table\"") == .schema(table: "My Table"))
        #expect(try DotCommand.parse(".schema") == .schema(table: nil))
        #expect(try DotCommand.parse(".timer on") == .timer(isOn: true))
        #expect(try DotCommand.parse(".TIMER Off") == .timer(isOn: false))
        #expect(try DotCommand.parse(".mode csv") == .mode(.csv))
        #expect(try DotCommand.parse(".mode MARKDOWN") == .mode(.markdown))
        #expect(try DotCommand.parse(".mode json") == .mode(.json))
        #expect(try DotCommand.parse(".mode\ttable") == .mode(.table))
        #expect(try DotCommand.parse(".help") == .help)
        #expect(try DotCommand.parse(".quit") == .quit)
        #expect(try DotCommand.parse(".exit") == .quit)
    }

    @Test(arguments: [
        (".frobnicate", "unknown command '.frobnicate'"),
        (".timer", "usage: .timer on|off"),
        (".timer maybe", "usage: .timer on|off"),
        (".mode", "usage: .mode table|csv|json|markdown"),
        (".mode html", "unknown mode 'html'; use one of table|csv|json|markdown"),
        (".tables extra", "usage: .tables"),
        (".schema a b", "usage: .schema [NAME]"),
    ])
    func refusesBadCommandsSayingWhatWorks(line: String, message: String) {
        #expect {
            try DotCommand.parse(line)
        } throws: { error in
            guard let error = error as? SluiceError else { return false }
            return error.fault == .userInput && error.message.contains(message)
        }
    }
}
