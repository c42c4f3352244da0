import Logging
import BlockStore
import SluiceCore

SignalMask.unblockStopSignals()
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}
BlockStoreFileSystem.registerForDFSScheme()
SluiceCommand.main()
