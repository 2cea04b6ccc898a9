import CGeos
import Core

/// A GEOS context: the state every reentrant (`_r`) GEOS call runs in, and where GEOS leaves
/// its last error message, kept here for the `ObservatoireError` that follows.
///
/// Owned by this class and finished in `deinit`; each `GeosGeometry` holds its context, so
/// the context outlives every geometry made in it. Not shared between tasks: make one per job.
public final class GeosContext {
    let handle: OpaquePointer
    private let messages: GeosMessages

    public init() throws {
        guard let handle = GEOS_init_r() else {
            throw ObservatoireError(.geos, "GEOS could not create a context (out of memory?)")
        }
        let messages = GeosMessages()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, data in
            guard let message, let data else { return }
            Unmanaged<GeosMessages>.fromOpaque(data).takeUnretainedValue().lastError = String(cString: message)
        }, Unmanaged.passUnretained(messages).toOpaque())
        self.handle = handle
        self.messages = messages
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The error for a GEOS call that failed, with GEOS's message as its cause.
    func failure(_ operation: String, feature: String? = nil) -> ObservatoireError {
        defer { messages.lastError = nil }
        return ObservatoireError(.geos, "GEOS failed to \(operation)", feature: feature, cause: messages.lastError)
    }

    /// Wraps a geometry a GEOS call returned (and the caller now owns), or throws its error.
    func own(_ pointer: OpaquePointer?, _ operation: String) throws -> GeosGeometry {
        guard let pointer else { throw failure(operation) }
        return GeosGeometry(owning: pointer, in: self)
    }
}

/// GEOS's last error message, written by its handler while a call fails.
final class GeosMessages {
    var lastError: String?
}
