package ai.raif.rewards.evolve;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.IfevalChecker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One more rule on a training request, for behaviour cloning without a teacher. A rule kind that reshapes the whole
 * answer (its case, quotation marks, paragraphs, last words) occurs in about a tenth of the requests, so a run's
 * cloned answers show each only a few dozen times and the policy never learns it; an answer already cloned, with a
 * rule of a kind the policy keeps failing added to its request and the answer repaired to follow it too, shows that
 * kind again at no generation cost. Kinds are drawn by how often the iteration's answers failed them ({@link Tally}).
 */
public final class AddedRule {
  /** Kinds whose wording the composer builds the request around, or that a repair cannot meet: never added. */
  private static final Set<String> NEVER = Set.of(Ids.CONSTRAINED_RESPONSE, Ids.REPEAT_PROMPT, Ids.LANGUAGE);
  private static final String REQUIREMENTS = "\n\nRequirements:";

  /** A request with one rule added: its text as the composer writes rules, and its rules with the new one last. */
  public record Request(String text, List<Constraint> rules) {
    public Request {
      rules = List.copyOf(rules);
    }

    public Constraint added() {
      return rules.get(rules.size() - 1);
    }
  }

  private AddedRule() {}

  /**
   * {@code request} with a rule of kind {@code id} added, its kwargs drawn as evolution draws them; empty when the
   * kind is one never added, already present, in conflict with one of {@code rules} (IFEval's table), or when the
   * request carries a rule whose wording fixes the request's layout.
   */
  public static Optional<Request> add(String request, List<Constraint> rules, String id, SplittableRandom random) {
    List<String> taken = rules.stream().map(Constraint::id).toList();
    // a kind already there conflicts with itself in IFEval's table: the sampler leaves it out like any conflict
    if (NEVER.contains(id) || taken.stream().anyMatch(NEVER::contains)) return Optional.empty();
    // keywords come from the task, the request's first paragraph, as evolution takes them from the seed
    String task = request.split("\n\n", 2)[0];
    List<Constraint> drawn = ConstraintSampler.sample(random, 1, Set.of(id), taken, false,
        new KeywordPicker(task, random));
    if (drawn.isEmpty()) return Optional.empty();
    Constraint rule = drawn.get(0);
    String sentence = ConstraintText.render(rule, random);
    // the two layouts Composer.and writes: a "Requirements:" list, or sentences after the task
    String text = request.contains(REQUIREMENTS) ? request + "\n- " + sentence
        : rules.isEmpty() ? request + "\n\n" + sentence : request + " " + sentence;
    List<Constraint> all = new ArrayList<>(rules);
    all.add(rule);
    return Optional.of(new Request(text, all));
  }

  /**
   * How often answers failed each rule kind: the weight of a kind is its failure rate with one failure and one pass
   * added (a kind not seen weighs 1/2, one always failed approaches 1, one always followed approaches 0).
   */
  public static final class Tally {
    private static final IfevalChecker CHECKER = new IfevalChecker();
    private final Map<String, int[]> failedAndSeen = new LinkedHashMap<>();

    /** Counts, for every rule, whether {@code answer} follows it (IFEval strict); a rule that cannot be checked is
     *  not counted. */
    public void count(List<Constraint> rules, String prompt, String answer) {
      for (Constraint rule : rules) {
        boolean followed;
        try {
          followed = CHECKER.check(rule, prompt, answer);
        } catch (RuntimeException e) {
          continue; // the reward stage reports rules it cannot read
        }
        int[] n = failedAndSeen.computeIfAbsent(rule.id(), k -> new int[2]);
        if (!followed) n[0]++;
        n[1]++;
      }
    }

    public double weight(String id) {
      int[] n = failedAndSeen.getOrDefault(id, new int[2]);
      return (n[0] + 1.0) / (n[1] + 2.0);
    }

    /**
     * A kind to add to a request that has {@code taken}, drawn with probability proportional to its weight among the
     * kinds that may be added next to those; empty when none may.
     */
    public Optional<String> draw(Collection<String> taken, SplittableRandom random) {
      // compatible also means not taken: a kind conflicts with itself in IFEval's table
      List<String> ids = IfevalChecker.ids().stream()
          .filter(id -> !NEVER.contains(id) && ConflictTable.compatible(id, taken)).toList();
      double total = 0;
      for (String id : ids) total += weight(id);
      double u = random.nextDouble() * total;
      for (String id : ids) {
        u -= weight(id);
        if (u < 0) return Optional.of(id);
      }
      return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1));
    }
  }
}
