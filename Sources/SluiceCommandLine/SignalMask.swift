#if canImport(Glibc)
import Glibc
#endif

/// A process inherits the signals its parent's thread blocked (test runners and some launchers
/// block SIGTERM); `sluice` unblocks the stop signals first thing, so `kill` and Ctrl-C stop it
/// and the server roles it starts, whatever started it.
enum SignalMask {
    static func unblockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
