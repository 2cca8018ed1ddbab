package ai.raif.rewards.evolve;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.FollowMode;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.ifeval.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * Proof that a set of IFEval constraints can be followed at once: a response constructed to satisfy all of them,
 * judged by the same checkers the reward uses (strict mode). A combination whose witness fails is unsatisfiable or
 * contradictory as far as we can tell ("answer in lowercase" with "mark sections with Section X"), and evolution
 * drops it. The witness is a check, never training data: its text is filler.
 *
 * <p>Sizes are searched: sentences per response (within the sentence limits) and clauses per sentence, so that word
 * and sentence limits can be met together; the first size at which every check passes wins.
 */
public final class Witness {
  private static final IfevalChecker CHECKER = new IfevalChecker();
  private static final int[] CLAUSES_PER_SENTENCE = {1, 2, 4, 8, 16, 32};
  /** A low estimate of a filler clause's words, so that a size chosen for a word minimum reaches it. */
  private static final int WORDS_PER_CLAUSE = 6;
  private static final int SPARE_SENTENCES = 64;

  /**
   * @param response the passing witness, or the attempt that failed the fewest checks
   * @param failed ids of the constraints the response does not follow, in label order; empty when it passes
   */
  public record Result(String response, List<String> failed) {
    public Result {
      failed = List.copyOf(failed);
    }

    public boolean passes() {
      return failed.isEmpty();
    }
  }

  private Witness() {}

  /** @throws ai.raif.rewards.InvalidConstraintException when a constraint cannot be checked at all */
  public static Result build(List<Constraint> rules) {
    List<Instruction> checks = rules.stream().map(CHECKER::bind).toList();
    WitnessPlan plan = WitnessPlan.of(rules);
    int low = Math.max(1, plan.sentences().min());
    int high = plan.sentences().capped() ? plan.sentences().max() : low + SPARE_SENTENCES;
    Result best = null;
    for (int clauses : CLAUSES_PER_SENTENCE) {
      int base = Math.max(low, ceilDiv(plan.words().min(), WORDS_PER_CLAUSE * clauses));
      for (int sentences : new java.util.TreeSet<>(List.of(Math.min(base, high), Math.min(base + 1, high),
          Math.min(base + 3, high)))) {
        if (sentences < low) continue;
        Result r = attempt(rules, checks, plan, sentences, clauses);
        if (r.passes()) return r;
        if (best == null || r.failed().size() < best.failed().size()) best = r;
      }
    }
    return best != null ? best : attempt(rules, checks, plan, low, 1);
  }

  private static Result attempt(List<Constraint> rules, List<Instruction> checks, WitnessPlan plan, int sentences,
      int clauses) {
    String text = new WitnessWriter(plan, sentences, clauses).write();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (!FollowMode.STRICT.follows(checks.get(i), text)) failed.add(rules.get(i).id());
    }
    return new Result(text, failed);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
