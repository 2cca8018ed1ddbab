package ai.raif.rewards.ifeval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}, which IFEval's report prints: the shortest decimal that reads back as the same double,
 * in fixed notation for exponents -4..16 and as {@code 1e-05} otherwise. Java's {@code Double.toString} switches to
 * exponents at 1e-3 and (before Java 19) is not always shortest.
 */
final class PyFloat {
  private PyFloat() {}

  static String repr(double x) {
    if (Double.isNaN(x)) return "nan";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return 1 / x < 0 ? "-0.0" : "0.0";
    BigDecimal exact = new BigDecimal(x);
    BigDecimal shortest = exact;
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == x) {
        shortest = rounded;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    // value = 0.<digits> * 10^point
    int point = digits.length() - shortest.scale();
    String sign = x < 0 ? "-" : "";
    if (point > -4 && point <= 16) return sign + fixed(digits, point);
    int exponent = point - 1;
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }

  private static String fixed(String digits, int point) {
    if (point <= 0) return "0." + "0".repeat(-point) + digits;
    if (point >= digits.length()) return digits + "0".repeat(point - digits.length()) + ".0";
    return digits.substring(0, point) + "." + digits.substring(point);
  }
}
