package ai.raif.rewards.math;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Decides whether a predicted answer equals the reference, in the order of the Qwen toolkit's {@code math_equal}
 * (raif-spec §3.6): normalised strings; plain numbers (relative 1e-4, also against reference ×100 and ÷100 for
 * percentages); unions, intervals, tuples and sets element by element (interval brackets must match, sets and bare
 * lists ignore order); equations up to sign; then both sides as expressions: constants compared with relative 1e-4,
 * expressions with variables compared at random points.
 */
final class MathEquivalence {
  /** Answers longer than this are compared as strings only; no real final answer is this long. */
  static final int MAX_ANSWER_CHARS = 1000;
  private static final double NUMERIC_REL_TOL = 1e-4;
  private static final double POINT_REL_TOL = 1e-6;
  private static final double POINT_ABS_TOL = 1e-9;
  private static final int POINTS = 8;
  private static final int MIN_COMPARABLE_POINTS = 3;
  private static final int MAX_NESTING = 8;

  private final Deadline deadline;

  MathEquivalence(Deadline deadline) {
    this.deadline = deadline;
  }

  boolean equivalent(String predicted, String reference) {
    if (predicted == null || reference == null || predicted.isBlank() || reference.isBlank()) return false;
    String p = predicted.strip();
    String r = reference.strip();
    if (p.equalsIgnoreCase(r)) return true;
    if (p.length() > MAX_ANSWER_CHARS || r.length() > MAX_ANSWER_CHARS) return false;
    return normalizedEqual(MathNormalizer.normalize(p), MathNormalizer.normalize(r), 0);
  }

  private boolean normalizedEqual(String p, String r, int nesting) {
    deadline.check();
    if (p.isEmpty() || r.isEmpty()) return false;
    if (p.equalsIgnoreCase(r)) return true;
    OptionalDouble pn = PlainNumber.parse(p);
    OptionalDouble rn = PlainNumber.parse(r);
    if (pn.isPresent() && rn.isPresent()) return percentEqual(pn.getAsDouble(), rn.getAsDouble());
    if (nesting < MAX_NESTING) {
      Boolean structural = structurallyEqual(p, r, nesting + 1);
      if (structural != null) return structural;
    }
    return expressionsEqual(p, r);
  }

  /** Compares unions, bracketed sequences and bare lists; null when neither side has such structure. */
  private Boolean structurallyEqual(String p, String r, int nesting) {
    List<String> pUnion = Sequences.splitTopLevel(p, "\\cup");
    List<String> rUnion = Sequences.splitTopLevel(r, "\\cup");
    if (pUnion.size() > 1 || rUnion.size() > 1) {
      return pUnion.size() == rUnion.size() && matchUnordered(pUnion, rUnion, nesting);
    }
    Sequences.Bracketed pb = Sequences.bracketed(p);
    Sequences.Bracketed rb = Sequences.bracketed(r);
    if (pb != null && rb != null && (pb.items().size() > 1 || rb.items().size() > 1)) {
      if (pb.isSet() && rb.isSet()) {
        return pb.items().size() == rb.items().size() && matchUnordered(pb.items(), rb.items(), nesting);
      }
      return pb.open() == rb.open() && pb.close() == rb.close() && matchOrdered(pb.items(), rb.items(), nesting);
    }
    List<String> pList = Sequences.splitTopLevel(p, ",");
    List<String> rList = Sequences.splitTopLevel(r, ",");
    if (pList.size() > 1 && rList.size() > 1) return matchUnordered(pList, rList, nesting);
    // "(1,2)" against "1,2": a parenthesised tuple and a bare list of the same elements
    if (pb != null && pb.open() == '(' && pb.close() == ')' && rList.size() > 1) {
      return matchOrdered(pb.items(), rList, nesting);
    }
    if (rb != null && rb.open() == '(' && rb.close() == ')' && pList.size() > 1) {
      return matchOrdered(pList, rb.items(), nesting);
    }
    return null;
  }

  private boolean matchOrdered(List<String> p, List<String> r, int nesting) {
    if (p.size() != r.size()) return false;
    for (int i = 0; i < p.size(); i++) {
      if (!normalizedEqual(p.get(i), r.get(i), nesting)) return false;
    }
    return true;
  }

  /** Greedy one-to-one matching; equivalence of answers is transitive enough for greedy to be exact here. */
  private boolean matchUnordered(List<String> p, List<String> r, int nesting) {
    if (p.size() != r.size()) return false;
    boolean[] used = new boolean[r.size()];
    outer:
    for (String item : p) {
      for (int j = 0; j < r.size(); j++) {
        if (!used[j] && normalizedEqual(item, r.get(j), nesting)) {
          used[j] = true;
          continue outer;
        }
      }
      return false;
    }
    return true;
  }

  /** Python's {@code isclose(reference, prediction, rel_tol=1e-4)} against reference/100, reference, reference·100. */
  private static boolean percentEqual(double predicted, double reference) {
    for (double candidate : new double[] {reference / 100, reference, reference * 100}) {
      if (close(predicted, candidate, NUMERIC_REL_TOL, 0)) return true;
    }
    return false;
  }

  private boolean expressionsEqual(String p, String r) {
    List<String> pSides = Sequences.splitTopLevel(p, "=");
    List<String> rSides = Sequences.splitTopLevel(r, "=");
    if (pSides.size() != rSides.size() || pSides.size() > 2) return false;
    try {
      if (pSides.size() == 2) {
        // an equation is the same if lhs − rhs agrees up to sign
        Expr pd = difference(pSides);
        Expr rd = difference(rSides);
        return sameFunction(pd, rd) || sameFunction(new Expr.Apply1(Expr.Fn1.NEG, pd), rd);
      }
      return sameFunction(LatexExpressionParser.parse(p, deadline), LatexExpressionParser.parse(r, deadline));
    } catch (LatexExpressionParser.ParseException e) {
      return false;
    }
  }

  private Expr difference(List<String> sides) {
    return new Expr.Apply2(Expr.Fn2.SUB, LatexExpressionParser.parse(sides.get(0), deadline),
        LatexExpressionParser.parse(sides.get(1), deadline));
  }

  private boolean sameFunction(Expr a, Expr b) {
    TreeSet<String> variables = new TreeSet<>();
    a.collectVariables(variables);
    b.collectVariables(variables);
    if (variables.isEmpty()) return close(a.eval(Map.of()), b.eval(Map.of()), NUMERIC_REL_TOL, 0);
    // points of both signs catch x vs |x|; if domains (√x, ln x) leave too few, positive points decide
    int mixed = comparePoints(a, b, variables, true);
    if (mixed < 0) return false;
    if (mixed >= MIN_COMPARABLE_POINTS) return true;
    int positive = comparePoints(a, b, variables, false);
    return positive >= 0 && mixed + positive >= MIN_COMPARABLE_POINTS;
  }

  /**
   * Evaluates both expressions at pseudo-random points (fixed seed, so rewards are reproducible) with
   * |value| in [1.1, 2.8], away from 0 and 1 where many different expressions agree.
   *
   * @return how many points both sides were finite at, or −1 when they differ at one
   */
  private int comparePoints(Expr a, Expr b, TreeSet<String> variables, boolean mixedSigns) {
    SplittableRandom random = new SplittableRandom(mixedSigns ? 0x5EEDL : 0xF00DL);
    int comparable = 0;
    for (int point = 0; point < POINTS; point++) {
      deadline.check();
      Map<String, Double> values = new HashMap<>();
      for (String v : variables) {
        double magnitude = 1.1 + 1.7 * random.nextDouble();
        values.put(v, mixedSigns && random.nextBoolean() ? -magnitude : magnitude);
      }
      double x = a.eval(values);
      double y = b.eval(values);
      if (Double.isFinite(x) != Double.isFinite(y)) return -1;
      if (!Double.isFinite(x)) continue;
      if (!close(x, y, POINT_REL_TOL, POINT_ABS_TOL)) return -1;
      comparable++;
    }
    return comparable;
  }

  private static boolean close(double a, double b, double relTol, double absTol) {
    if (a == b) return true;
    if (!Double.isFinite(a) || !Double.isFinite(b)) return false;
    return Math.abs(a - b) <= Math.max(relTol * Math.max(Math.abs(a), Math.abs(b)), absTol);
  }
}
