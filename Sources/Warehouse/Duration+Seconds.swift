extension Duration {
    /// The duration in seconds, for logs and the `seconds` columns of the journal.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
