package ai.raif.rewards.evolve;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.FollowMode;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Proof that a set of IFEval constraints can be followed at once: a response constructed to satisfy all of them,
 * judged by the same checkers the reward uses (strict mode). A combination whose witness fails is unsatisfiable or
 * contradictory as far as we can tell ("answer in lowercase" with "mark sections with Section X"), and evolution
 * drops it. The witness is a check, never training data: its text is filler. {@link #repair} lays out a model's own
 * answer the same way, which is training data: the rules followed with the model's words.
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
  /** A repaired answer keeps at least this many of its sentences, where it has them: a reply, not a fragment. */
  private static final int MIN_OWN_SENTENCES = 3;
  /** Markdown that starts a line: headings, list markers, quotes. */
  private static final Pattern LINE_MARKER = Pattern.compile("^(?:#+\\s*|[-*•+]\\s+|\\d+[.)]\\s+|>\\s*)+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;,\\s]+$");

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

  /**
   * An answer rewritten to follow {@code rules}, for behaviour cloning without a teacher: the answer's own sentences
   * (markdown and list markers removed; when it was cut at the token limit, its unfinished last sentence too), laid
   * out and decorated as a witness is. The shortest passing rewrite wins, but it keeps at least
   * {@value #MIN_OWN_SENTENCES} of the answer's sentences where there are that many; no sentence is used twice, so
   * an answer too short for a word or sentence minimum stays unrepaired.
   *
   * @param cut whether the answer stopped at the token limit rather than where the model ended it
   * @return a finished answer as written when it passes, else the shortest passing rewrite, else the answer as
   *     written (a cut one without its unfinished sentence) with the constraints it fails
   * @throws ai.raif.rewards.InvalidConstraintException when a constraint cannot be checked at all
   */
  public static Result repair(List<Constraint> rules, String answer, boolean cut) {
    List<Instruction> checks = rules.stream().map(CHECKER::bind).toList();
    String finished = cut ? finishedPart(answer) : answer.strip();
    Result asWritten = attempt(rules, checks, finished);
    if (asWritten.passes() && !cut) return asWritten;
    WitnessPlan plan = WitnessPlan.of(rules);
    List<String> own = ownSentences(finished);
    int available = new WitnessWriter(plan, own, 1, 1).usableClauses();
    // clauses a layout draws beyond its body sentences (bullets, postscript, ...), and bodies it writes (two responses)
    int extra = plan.bullets() + (plan.postscript() == null ? 0 : 1) + (plan.title() ? 1 : 0)
        + (plan.firstWord() == null ? 0 : 1);
    int bodies = plan.shape() == WitnessPlan.Shape.TWO_RESPONSES ? 2 : 1;
    int most = Math.min(plan.sentences().max(), (available - extra) / bodies);
    int blocks = Math.max(1, Math.max(plan.paragraphs(), plan.sections()));
    int least = Math.max(Math.max(1, plan.sentences().min()), Math.max(blocks, Math.min(MIN_OWN_SENTENCES, most)));
    for (int n = least; n <= most; n++) {
      Result r = attempt(rules, checks, new WitnessWriter(plan, own, n, 1).write());
      if (r.passes()) return r;
    }
    return asWritten;
  }

  /** The answer's distinct sentences without end punctuation, list markers or emphasis; three words or more each. */
  static List<String> ownSentences(String answer) {
    List<String> out = new ArrayList<>();
    for (String line : answer.split("\n")) {
      String plain = LINE_MARKER.matcher(line.strip()).replaceFirst("").replace("*", "").replace("_", "")
          .replace("<<", "").replace(">>", "").replace("\"", "").strip();
      for (String sentence : SentenceSplitter.split(plain)) {
        String s = SENTENCE_END.matcher(sentence.strip()).replaceFirst("").replaceAll("\\s+", " ");
        // a small model's answer often loops: each sentence once
        if (s.split(" ").length >= 3 && !out.contains(s)) out.add(s);
      }
    }
    return out;
  }

  /** An answer cut at the token limit up to the end of its last whole sentence; empty when it has none. */
  static String finishedPart(String answer) {
    String text = answer.strip();
    int end = Math.max(text.lastIndexOf('.'), Math.max(text.lastIndexOf('!'), text.lastIndexOf('?')));
    return text.substring(0, end + 1);
  }

  private static Result attempt(List<Constraint> rules, List<Instruction> checks, WitnessPlan plan, int sentences,
      int clauses) {
    return attempt(rules, checks, new WitnessWriter(plan, sentences, clauses).write());
  }

  private static Result attempt(List<Constraint> rules, List<Instruction> checks, String text) {
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
