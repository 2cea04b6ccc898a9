/// The cités minières: the inventory and its communes and bailleurs, the reference lists
/// and their matches, the renovation operations, and the reports made from them. Its SQL
/// lives in this type's extensions.
public enum CiteStore {}
