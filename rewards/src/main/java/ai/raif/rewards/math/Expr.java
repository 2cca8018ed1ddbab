package ai.raif.rewards.math;

import java.util.Map;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** A parsed real-valued expression, evaluated in doubles for the numeric equivalence test. */
sealed interface Expr {
  double eval(Map<String, Double> values);

  void collectVariables(Set<String> into);

  record Num(double value) implements Expr {
    public double eval(Map<String, Double> values) {
      return value;
    }

    public void collectVariables(Set<String> into) {}
  }

  record Var(String name) implements Expr {
    public double eval(Map<String, Double> values) {
      return values.get(name);
    }

    public void collectVariables(Set<String> into) {
      into.add(name);
    }
  }

  record Apply1(Fn1 fn, Expr arg) implements Expr {
    public double eval(Map<String, Double> values) {
      return fn.op.applyAsDouble(arg.eval(values));
    }

    public void collectVariables(Set<String> into) {
      arg.collectVariables(into);
    }
  }

  record Apply2(Fn2 fn, Expr left, Expr right) implements Expr {
    public double eval(Map<String, Double> values) {
      return fn.op.applyAsDouble(left.eval(values), right.eval(values));
    }

    public void collectVariables(Set<String> into) {
      left.collectVariables(into);
      right.collectVariables(into);
    }
  }

  enum Fn1 {
    NEG(x -> -x),
    SQRT(Math::sqrt),
    ABS(Math::abs),
    FACTORIAL(Fn1::factorial),
    SIN(Math::sin),
    COS(Math::cos),
    TAN(Math::tan),
    SEC(x -> 1 / Math.cos(x)),
    CSC(x -> 1 / Math.sin(x)),
    COT(x -> 1 / Math.tan(x)),
    ARCSIN(Math::asin),
    ARCCOS(Math::acos),
    ARCTAN(Math::atan),
    SINH(Math::sinh),
    COSH(Math::cosh),
    TANH(Math::tanh),
    LN(Math::log),
    LOG10(Math::log10),
    EXP(Math::exp);

    final DoubleUnaryOperator op;

    Fn1(DoubleUnaryOperator op) {
      this.op = op;
    }

    /** The inverse for {@code \sin^{-1}}-style notation, or null when there is none here. */
    Fn1 inverse() {
      return switch (this) {
        case SIN -> ARCSIN;
        case COS -> ARCCOS;
        case TAN -> ARCTAN;
        default -> null;
      };
    }

    private static double factorial(double n) {
      if (n < 0 || n != Math.rint(n)) return Double.NaN;
      if (n > 170) return Double.POSITIVE_INFINITY;
      double product = 1;
      for (int k = 2; k <= n; k++) product *= k;
      return product;
    }
  }

  enum Fn2 {
    ADD(Double::sum),
    SUB((a, b) -> a - b),
    MUL((a, b) -> a * b),
    DIV((a, b) -> a / b),
    POW(Fn2::power),
    /** left = index, right = radicand */
    ROOT((n, x) -> power(x, 1 / n)),
    /** left = base, right = argument */
    LOG((b, x) -> Math.log(x) / Math.log(b)),
    BINOM(Fn2::binomial);

    final DoubleBinaryOperator op;

    Fn2(DoubleBinaryOperator op) {
      this.op = op;
    }

    /** Like {@link Math#pow}, but odd roots of negative numbers stay real: (−8)^(1/3) = −2. */
    private static double power(double base, double exponent) {
      if (base < 0 && exponent != Math.rint(exponent)) {
        double inverse = 1 / exponent;
        if (Math.abs(inverse - Math.rint(inverse)) < 1e-9 && Math.rint(inverse) % 2 != 0) {
          return -Math.pow(-base, exponent);
        }
      }
      return Math.pow(base, exponent);
    }

    private static double binomial(double n, double k) {
      if (n != Math.rint(n) || k != Math.rint(k) || k < 0 || n < 0 || k > n) return Double.NaN;
      if (Math.min(k, n - k) > 10_000) return Double.NaN; // far beyond any answer; keeps the loop bounded
      double result = 1;
      for (int i = 1; i <= Math.min(k, n - k); i++) result = result * (n - i + 1) / i;
      return result;
    }
  }
}
