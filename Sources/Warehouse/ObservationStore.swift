/// The observations as ingest loaded them and normalise put them onto one geography:
/// wide rows and their columns, long values, normalised values and rows. Its SQL lives
/// in this type's extensions.
public enum ObservationStore {}
