import Foundation
import SluiceCore

/// How `SluiceError`s cross the wire: the broker answers each with an HTTP status and an
/// `ErrorAnswer`, and `BrokerClient` turns the answer back into the same error.
enum BrokerErrorMapping {
    /// The status of an error the store or the request parsing threw.
    static func status(of error: SluiceError) -> Int {
        switch error.condition {
        case .notFound: return 404
        case .alreadyExists: return 409
        case .commitConflict: return 409
        case nil: break
        }
        switch error.fault {
        case .userInput: return 400
        case .data, .io, .internal: return 500
        }
    }

    static func answer(for error: SluiceError) -> BrokerWire.ErrorAnswer {
        BrokerWire.ErrorAnswer(
            error: error.message, fault: faultName(error.fault), condition: error.condition.map(conditionName), line: error.location?.line)
    }

    /// The error an answer with `status` and `body` stands for; `context` names the call when the
    /// body is not an `ErrorAnswer` (a proxy's page, a cut-off answer).
    static func error(status: Int, body: [UInt8], context: String) -> SluiceError {
        let decoded = try? JSONDecoder().decode(BrokerWire.ErrorAnswer.self, from: Data(body))
        let message = decoded?.error ?? "\(context): HTTP \(status) \(String(decoding: body.prefix(300), as: UTF8.self))"
        let fault = decoded?.fault.flatMap(fault(named:)) ?? defaultFault(status: status)
        var condition = decoded?.condition.flatMap(condition(named:))
        if condition == nil, decoded?.condition == nil {
            if status == 404 { condition = .notFound } else if status == 409 { condition = .alreadyExists }
        }
        let location = decoded?.line.map { SourceLocation(line: $0) }
        return SluiceError(fault, message, at: location, condition: condition)
    }

    private static func defaultFault(status: Int) -> SluiceError.Fault {
        switch status {
        case 400..<500 where status != 429 && status != 408: .userInput
        default: .io
        }
    }

    static func faultName(_ fault: SluiceError.Fault) -> String {
        switch fault {
        case .userInput: "userInput"
        case .data: "data"
        case .io: "io"
        case .internal: "internal"
        }
    }

    private static func fault(named name: String) -> SluiceError.Fault? {
        switch name {
        case "userInput": .userInput
        case "data": .data
        case "io": .io
        case "internal": .internal
        default: nil
        }
    }

    private static func conditionName(_ condition: SluiceError.Condition) -> String { condition.rawValue }

    private static func condition(named name: String) -> SluiceError.Condition? { SluiceError.Condition(rawValue: name) }
}
