package ai.raif.rewards.evolve;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.Composition;
import ai.raif.rewards.composition.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a seed instruction and sampled constraints into one evolved instruction and its label, for ComplexBench's
 * three compositions. And: the constraints are appended to the seed. Chain: the seed becomes step 1 and a follow-up
 * task on its answer step 2, each with its own constraints. Selection: a condition the seed decides (whether a word
 * appears in it) picks one of two constraint sets; only that branch is active in the label.
 */
final class Composer {
  /** Follow-up tasks for step 2 of a Chain: each works on whatever the answer to step 1 was. */
  static final List<String> FOLLOW_UPS = List.of(
      "write a one-sentence summary of your answer",
      "list the two most important points of your answer",
      "suggest one practical next step based on your answer",
      "explain briefly who would find your answer most useful",
      "add a short note on one thing your answer left out",
      "give one concrete example that illustrates your answer",
      "point out the most common mistake people make with this",
      "end with a question the reader could think about next");
  private static final List<String> YES_NO_QUESTIONS = List.of(
      "Could it be answered well in a single paragraph?",
      "Would a good answer to it need specialist knowledge?",
      "Could a friend with no special training answer it well?",
      "Does a good answer depend on knowing more about the person asking?");

  private Composer() {}

  /** An instruction in prose plus its label; for Selection the label marks the branch the seed activates. */
  record Evolved(String text, CompositeLabel label) {}

  static Evolved and(String seed, List<Constraint> rules, SplittableRandom r) {
    if (rules.stream().anyMatch(c -> c.id().equals(Ids.CONSTRAINED_RESPONSE))) {
      // the three fixed answers only make sense for a yes/no question, so the seed becomes the subject of one
      String question = YES_NO_QUESTIONS.get(r.nextInt(YES_NO_QUESTIONS.size()));
      return new Evolved("Read this request: \"" + seed + "\"\n" + question + " " + ConstraintText.CONSTRAINED_OPTIONS,
          CompositeLabel.ofRules(rules));
    }
    List<Constraint> others = rules.stream().filter(c -> !c.id().equals(Ids.REPEAT_PROMPT)).toList();
    boolean repeat = others.size() < rules.size();
    String request;
    if (!repeat && others.size() > 1 && r.nextBoolean()) {
      StringBuilder b = new StringBuilder(seed).append("\n\nRequirements:");
      for (Constraint c : others) b.append("\n- ").append(ConstraintText.render(c, r));
      request = b.toString();
    } else {
      request = others.isEmpty() ? seed : seed + "\n\n" + sentences(others, r);
    }
    if (!repeat) return new Evolved(request, CompositeLabel.ofRules(rules));
    List<Constraint> bound = new ArrayList<>();
    for (Constraint c : rules) {
      bound.add(c.id().equals(Ids.REPEAT_PROMPT) ? new Constraint(c.id(), Map.of("prompt_to_repeat", request)) : c);
    }
    return new Evolved(request + " " + ConstraintText.REPEAT_PROMPT, CompositeLabel.ofRules(bound));
  }

  static Evolved chain(String seed, List<Constraint> first, List<Constraint> second, SplittableRandom r) {
    String followUp = FOLLOW_UPS.get(r.nextInt(FOLLOW_UPS.size()));
    String text = seed + "\n\nWork in two steps, in this order.\nStep 1: answer the request above."
        + (first.isEmpty() ? "" : " " + sentences(first, r))
        + "\nStep 2: " + followUp + "." + (second.isEmpty() ? "" : " " + sentences(second, r));
    CompositeLabel label = new CompositeLabel(Composition.CHAIN, List.of(
        new Step("step 1: answer the request", true, first, List.of()),
        new Step("step 2: " + followUp, true, second, List.of())), Map.of());
    return new Evolved(text, label);
  }

  /**
   * @param word the condition's word
   * @param present whether {@code word} appears in the seed, i.e. whether the first branch is the active one
   */
  static Evolved selection(String seed, String word, boolean present, List<Constraint> ifBranch,
      List<Constraint> otherwise, SplittableRandom r) {
    String condition = "if the word \"" + word + "\" appears in the request above";
    String text = seed + "\n\nFirst check whether the word \"" + word + "\" appears in the request above.\n"
        + "If it does: " + sentences(ifBranch, r) + "\nIf it does not: " + sentences(otherwise, r);
    CompositeLabel label = new CompositeLabel(Composition.SELECTION, List.of(
        new Step(condition, present, ifBranch, List.of()),
        new Step("otherwise", !present, otherwise, List.of())), Map.of());
    return new Evolved(text, label);
  }

  private static String sentences(List<Constraint> rules, SplittableRandom r) {
    List<String> out = new ArrayList<>();
    for (Constraint c : rules) out.add(ConstraintText.render(c, r));
    return String.join(" ", out);
  }
}
