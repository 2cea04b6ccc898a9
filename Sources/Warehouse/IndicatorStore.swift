/// The computed indicators: their definitions as compute recorded them, their values
/// (rows, slots, methods), history, alerts and known issues. Compute writes through it;
/// exports, reports and `diff` read through it. Its SQL lives in this type's extensions.
public enum IndicatorStore {}
