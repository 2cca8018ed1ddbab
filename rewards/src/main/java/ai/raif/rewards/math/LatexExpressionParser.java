package ai.raif.rewards.math;

import ai.raif.rewards.math.Expr.Apply1;
import ai.raif.rewards.math.Expr.Apply2;
import ai.raif.rewards.math.Expr.Fn1;
import ai.raif.rewards.math.Expr.Fn2;
import ai.raif.rewards.math.Expr.Num;
import ai.raif.rewards.math.Expr.Var;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for the LaTeX and plain-text expressions found in math answers (normalised, no spaces):
 * {@code + - * / ^ **}, {@code \cdot \times \div}, implicit products ({@code 2x}, {@code 3\sqrt{2}}, {@code (x+1)(x-1)}),
 * {@code \frac}, {@code \sqrt[n]{}}, {@code \binom}, {@code |x|}, {@code !}, trig/log/exp functions (with or without
 * backslash), {@code \pi}, {@code e}, {@code \infty}, Greek letters and subscripted variables. Command arguments follow
 * TeX: a group or a single token, so {@code \frac12} is ½. {@code \log} is base 10, {@code \log_b} base b,
 * {@code \ln} natural; {@code \sin^{-1}} is arcsin. Nesting is bounded, and the deadline is polled per token.
 */
final class LatexExpressionParser {
  static final int MAX_DEPTH = 100;

  private static final Map<String, Fn1> FUNCTIONS = Map.ofEntries(Map.entry("sin", Fn1.SIN),
      Map.entry("cos", Fn1.COS), Map.entry("tan", Fn1.TAN), Map.entry("sec", Fn1.SEC), Map.entry("csc", Fn1.CSC),
      Map.entry("cot", Fn1.COT), Map.entry("arcsin", Fn1.ARCSIN), Map.entry("arccos", Fn1.ARCCOS),
      Map.entry("arctan", Fn1.ARCTAN), Map.entry("sinh", Fn1.SINH), Map.entry("cosh", Fn1.COSH),
      Map.entry("tanh", Fn1.TANH), Map.entry("ln", Fn1.LN), Map.entry("log", Fn1.LOG10), Map.entry("exp", Fn1.EXP),
      Map.entry("sqrt", Fn1.SQRT));
  /** Plain-text function names, longest first so that "sinh" is not read as "sin" h. */
  private static final List<String> PLAIN_FUNCTIONS = FUNCTIONS.keySet().stream()
      .sorted((a, b) -> b.length() - a.length()).toList();
  private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta",
      "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi",
      "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega");
  private static final Set<String> OPERATOR_COMMANDS = Set.of("cdot", "times", "div");

  private final String s;
  private final Deadline deadline;
  private int pos;
  private int depth;
  private int absDepth;

  private LatexExpressionParser(String s, Deadline deadline) {
    this.s = s;
    this.deadline = deadline;
  }

  /** @throws ParseException when the text is not an expression this parser understands */
  static Expr parse(String text, Deadline deadline) {
    LatexExpressionParser parser = new LatexExpressionParser(text, deadline);
    if (text.isEmpty()) throw parser.error("empty expression");
    Expr e = parser.expression();
    if (parser.pos != text.length()) throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
    return e;
  }

  private Expr expression() {
    Expr left = term();
    while (pos < s.length()) {
      if (eat("+")) left = new Apply2(Fn2.ADD, left, term());
      else if (eat("-")) left = new Apply2(Fn2.SUB, left, term());
      else break;
    }
    return left;
  }

  private Expr term() {
    Expr left = signed();
    while (pos < s.length()) {
      deadline.check();
      if (eatCommand("cdot") || eatCommand("times") || (peek('*') && !s.startsWith("**", pos) && eat("*"))) {
        left = new Apply2(Fn2.MUL, left, signed());
      } else if (eat("/") || eatCommand("div")) {
        left = new Apply2(Fn2.DIV, left, signed());
      } else if (startsFactor()) {
        left = new Apply2(Fn2.MUL, left, power());
      } else {
        break;
      }
    }
    return left;
  }

  private Expr signed() {
    descend();
    Expr e;
    if (eat("-")) e = new Apply1(Fn1.NEG, signed());
    else if (eat("+")) e = signed();
    else e = power();
    depth--;
    return e;
  }

  private Expr power() {
    Expr base = postfix();
    if (eat("^") || eat("**")) return new Apply2(Fn2.POW, base, exponent());
    return base;
  }

  private Expr exponent() {
    return peek('{') ? group() : signed();
  }

  private Expr postfix() {
    Expr e = primary();
    while (eat("!")) e = new Apply1(Fn1.FACTORIAL, e);
    return e;
  }

  private Expr primary() {
    descend();
    deadline.check();
    if (pos >= s.length()) throw error("expression ends early");
    char c = s.charAt(pos);
    Expr e;
    if (isDigit(c) || c == '.') e = number();
    else if (c == '(') e = enclosed('(', ')');
    else if (c == '[') e = enclosed('[', ']');
    else if (c == '{') e = group();
    else if (c == '|') {
      absDepth++;
      e = new Apply1(Fn1.ABS, enclosed('|', '|'));
      absDepth--;
    } else if (c == '\\') e = command();
    else if (isLetter(c)) e = letters();
    else throw error("unexpected '" + c + "'");
    depth--;
    return e;
  }

  private Expr enclosed(char open, char close) {
    expect(open);
    Expr e = expression();
    expect(close);
    return e;
  }

  private Expr group() {
    return enclosed('{', '}');
  }

  private Expr number() {
    int start = pos;
    while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
    }
    // scientific notation only when digits follow the e: "2e" is 2·e, "2e5" is 200000
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      int p = pos + 1;
      if (p < s.length() && (s.charAt(p) == '-' || s.charAt(p) == '+')) p++;
      if (p < s.length() && isDigit(s.charAt(p))) {
        pos = p;
        while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
      }
    }
    String text = s.substring(start, pos);
    if (text.equals(".")) throw error("lone '.'");
    return new Num(Double.parseDouble(text));
  }

  private Expr command() {
    int start = pos++;
    while (pos < s.length() && isLetter(s.charAt(pos))) pos++;
    String name = s.substring(start + 1, pos);
    switch (name) {
      case "frac":
        return new Apply2(Fn2.DIV, argument(), argument());
      case "binom":
        return new Apply2(Fn2.BINOM, argument(), argument());
      case "sqrt":
        if (peek('[')) {
          Expr index = enclosed('[', ']');
          return new Apply2(Fn2.ROOT, index, argument());
        }
        return new Apply1(Fn1.SQRT, argument());
      case "pi":
        return new Num(Math.PI);
      case "infty":
        return new Num(Double.POSITIVE_INFINITY);
      case "log":
        if (eat("_")) {
          Expr base = argument();
          return new Apply2(Fn2.LOG, base, functionArgument());
        }
        return function(Fn1.LOG10);
      default:
        if (FUNCTIONS.containsKey(name)) return function(FUNCTIONS.get(name));
        if (GREEK.contains(name)) return variable("\\" + name);
        throw error("unsupported command \\" + name);
    }
  }

  /** {@code \sin x}, {@code \sin(x)}, {@code \sin^2 x} = (sin x)², {@code \sin^{-1} x} = arcsin x. */
  private Expr function(Fn1 fn) {
    if (fn == Fn1.SQRT) return new Apply1(Fn1.SQRT, peek('(') ? primary() : argument());
    Expr power = eat("^") ? exponent() : null;
    if (power instanceof Apply1 neg && neg.fn() == Fn1.NEG && neg.arg() instanceof Num one && one.value() == 1
        && fn.inverse() != null) {
      return new Apply1(fn.inverse(), functionArgument());
    }
    Expr applied = new Apply1(fn, functionArgument());
    return power == null ? applied : new Apply2(Fn2.POW, applied, power);
  }

  /**
   * A parenthesised argument ({@code \sin(x)^2} is (sin x)²), or an implicit product of factors up to the next
   * operator or command ({@code \sin 2x} is sin(2x)).
   */
  private Expr functionArgument() {
    if (peek('(') || peek('{')) return primary();
    Expr arg = power();
    while (startsFactor() && !peek('\\')) arg = new Apply2(Fn2.MUL, arg, power());
    return arg;
  }

  /** A TeX macro argument: a braced group or a single token. */
  private Expr argument() {
    if (pos >= s.length()) throw error("missing argument");
    char c = s.charAt(pos);
    if (c == '{') return group();
    if (isDigit(c)) {
      pos++;
      return new Num(c - '0');
    }
    if (isLetter(c)) {
      pos++;
      return c == 'e' ? new Num(Math.E) : new Var(String.valueOf(c));
    }
    if (c == '\\') return primary();
    throw error("missing argument");
  }

  private Expr letters() {
    for (String name : PLAIN_FUNCTIONS) {
      if (s.startsWith(name, pos)) {
        pos += name.length();
        return function(FUNCTIONS.get(name));
      }
    }
    if (s.startsWith("pi", pos)) {
      pos += 2;
      return new Num(Math.PI);
    }
    char c = s.charAt(pos++);
    if (c == 'e') return new Num(Math.E);
    return variable(String.valueOf(c));
  }

  /** A variable, with an optional subscript: {@code x_1} and {@code x_{1}} are the same name. */
  private Expr variable(String name) {
    if (!eat("_")) return new Var(name);
    if (pos >= s.length()) throw error("missing subscript");
    if (peek('{')) {
      int close = MathNormalizer.matchingBrace(s, pos);
      if (close < 0) throw error("unclosed subscript");
      String sub = s.substring(pos + 1, close);
      pos = close + 1;
      return new Var(name + "_" + sub);
    }
    return new Var(name + "_" + s.charAt(pos++));
  }

  private boolean startsFactor() {
    if (pos >= s.length()) return false;
    char c = s.charAt(pos);
    if (c == '|') return absDepth == 0;
    if (c == '\\') {
      int end = pos + 1;
      while (end < s.length() && isLetter(s.charAt(end))) end++;
      String name = s.substring(pos + 1, end);
      return !name.isEmpty() && !OPERATOR_COMMANDS.contains(name);
    }
    return isDigit(c) || c == '.' || isLetter(c) || c == '(' || c == '[' || c == '{';
  }

  private boolean eatCommand(String name) {
    int end = pos + 1 + name.length();
    if (s.startsWith("\\" + name, pos) && (end >= s.length() || !isLetter(s.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private boolean eat(String token) {
    if (s.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private boolean peek(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) throw error("expected '" + c + "'");
    pos++;
  }

  private void descend() {
    if (++depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
  }

  private ParseException error(String reason) {
    return new ParseException(reason + " at " + pos + " in '" + abbreviate(s) + "'");
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** The text is not an expression this parser understands; equivalence then falls back to "not equal". */
  static final class ParseException extends RuntimeException {
    ParseException(String message) {
      super(message, null, false, false);
    }
  }
}
