package ai.raif.rewards.ifeval;

import ai.raif.rewards.InvalidConstraintException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed, validated access to one constraint's kwargs in IFEval's JSON form. A null value means "not given", as in
 * evaluation_lib, which drops None entries before calling build_description. Where the reference would then pick a
 * random value (a missing argument, a negative count), no deterministic verdict exists, so this rejects the constraint.
 * Public for the IFBench checkers, which take their kwargs the same way.
 */
public final class Kwargs {
  private final String id;
  private final Map<String, Object> values;

  /** @throws InvalidConstraintException for a non-null key build_description does not accept (a TypeError there). */
  public Kwargs(String id, Map<String, Object> values, List<String> accepted) {
    this.id = id;
    this.values = values;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getValue() != null && !accepted.contains(e.getKey())) {
        throw invalid(e.getKey(), "is not an argument of this instruction (accepted: " + accepted + ")");
      }
    }
  }

  /** A whole number, any sign. */
  public long integer(String key) {
    Object v = require(key);
    Long n = asLong(v);
    if (n == null) throw invalid(key, "must be an integer, got " + describe(v));
    return n;
  }

  /** A whole number >= 0; the reference substitutes a random value for a negative one. */
  public long count(String key) {
    long n = integer(key);
    if (n < 0) throw invalid(key, "must be >= 0 (the reference would substitute a random value), got " + n);
    return n;
  }

  Relation relation(String key) {
    String text = string(key);
    Relation r = Relation.parse(text);
    if (r == null) throw invalid(key, "must be \"less than\" or \"at least\", got \"" + text + "\"");
    return r;
  }

  /** A number >= 0, whole or not (IFBench's percentages); the reference substitutes a random one for a negative. */
  public double nonNegativeNumber(String key) {
    Object v = require(key);
    if (!(v instanceof Number n)) throw invalid(key, "must be a number, got " + describe(v));
    double d = n.doubleValue();
    if (!(d >= 0)) throw invalid(key, "must be >= 0 (the reference would substitute a random value), got " + v);
    return d;
  }

  public String string(String key) {
    Object v = require(key);
    if (!(v instanceof String s)) throw invalid(key, "must be a string, got " + describe(v));
    return s;
  }

  /** A string the reference treats as missing when empty (it would then pick a random one or fail). */
  public String nonEmptyString(String key) {
    String s = string(key);
    if (s.isEmpty()) throw invalid(key, "must not be empty");
    return s;
  }

  /** A non-empty list of strings; the reference replaces an empty list by random words. */
  public List<String> nonEmptyStringList(String key) {
    Object v = require(key);
    if (!(v instanceof List<?> list)) throw invalid(key, "must be a list of strings, got " + describe(v));
    if (list.isEmpty()) throw invalid(key, "must not be empty (the reference would substitute random words)");
    List<String> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String s)) throw invalid(key, "must contain only strings, got " + describe(item));
      out.add(s);
    }
    return List.copyOf(out);
  }

  public InvalidConstraintException invalid(String key, String reason) {
    return new InvalidConstraintException(id, key, reason);
  }

  private Object require(String key) {
    Object v = values.get(key);
    if (v == null) throw invalid(key, "is missing (the reference would substitute a random value)");
    return v;
  }

  private static Long asLong(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b) return b.bitLength() < 64 ? b.longValue() : null;
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      // JSON writers sometimes emit 3.0 for 3; Python compares 3.0 like 3, so accept whole values only.
      try {
        return new BigDecimal(v.toString()).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String describe(Object v) {
    String text = String.valueOf(v);
    if (text.length() > 40) text = text.substring(0, 40) + "...";
    return v.getClass().getSimpleName() + " " + (v instanceof String ? "\"" + text + "\"" : text);
  }
}
