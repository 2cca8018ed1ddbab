package ai.raif.rewards.reward;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ConstraintChecker;
import ai.raif.rewards.InvalidConstraintException;
import ai.raif.rewards.TimeBoundChecker;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.math.MathVerdict;
import ai.raif.rewards.math.MathVerifier;
import ai.raif.rewards.reward.RewardResult.Accuracy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RAIF's reward R = R_format + R_accuracy (paper Eq. 4–6, raif-spec §3). R_format is ±1 ({@link ResponseParts}).
 * R_accuracy, when the {@link AccuracyGate} admits the response and, if configured, its answer has
 * {@link AnswerSubstance}, is: for rule and judge tasks +2 if all active
 * constraints pass, −2 if none does, k/K otherwise; for math +2 if the answer is equivalent to the reference, −1.5
 * if not, and −2 whenever the output has no box. A gated response gets −2.
 *
 * <p>Data problems never throw, so one bad label cannot fail a batch: an invalid constraint becomes an
 * {@code INVALID} verdict with its error and is left out of K. A label with no checkable constraint (none active,
 * or all invalid) gets accuracy 0 and an error in {@code PAPER} mode, so that it neither rewards nor punishes the
 * policy; {@code CODE_FAITHFUL} gives the reference's vacuous +2 (Python's {@code sum([]) == len([])}).
 * Thread-safe if the checker is.
 */
public final class RaifReward {
  static final String JUDGE_QUESTION = "judge:question";
  static final String MATH_EQUIVALENT = "math:equivalent";

  private final ConstraintChecker checker;
  private final MathVerifier math;
  private final RewardConfig config;

  public RaifReward(ConstraintChecker checker, MathVerifier math, RewardConfig config) {
    if (checker == null || math == null || config == null) {
      throw new IllegalArgumentException("checker, math verifier and config are required");
    }
    this.checker = TimeBoundChecker.of(checker);
    this.math = math;
    this.config = config;
  }

  public RaifReward(ConstraintChecker checker, RewardConfig config) {
    this(checker, new MathVerifier(), config);
  }

  /**
   * The response split into think and answer, as the reward sees it for this task and mode: a chat-mode response
   * (the model's own template, no tags asked for) is scored like a {@code woFormat} task, whole output as the answer.
   */
  public ResponseParts parts(RewardTask task, RolloutMode mode, String output) {
    return task.forMode(mode).ignoreFormat() ? ResponseParts.unformatted(output)
        : ResponseParts.parse(output, config.layout());
  }

  /**
   * Whether the accuracy of this response will be scored, as far as its format decides; the judge stage asks only
   * about admitted answers (an admitted answer may still lack substance: its verdicts are then not used).
   */
  public boolean admits(RewardTask task, String output, RolloutMode mode) {
    return !swapsIfevalArgs(task)
        && AccuracyGate.admits(parts(task, mode, output), task.forMode(mode), mode, config.fidelity());
  }

  /**
   * Scores an {@code ifeval} or {@code complex} response.
   *
   * @param prompt the instruction text, which a few IFEval checkers read
   * @param output the policy output from its think opener on ({@link PolicyOutput#of})
   * @param judgeVerdicts YES (true) / NO answers of the judge to {@code label.activeQuestions()}, in order; ignored
   *     (may be null) when {@link #admits} is false
   * @throws IllegalArgumentException for a math task, or when the verdicts do not match the questions
   */
  public RewardResult scoreConstraints(RewardTask task, String prompt, String output, RolloutMode mode,
      CompositeLabel label, List<Boolean> judgeVerdicts) {
    if (task.kind() == TaskKind.MATH) throw new IllegalArgumentException("math tasks are scored by scoreMath");
    task = task.forMode(mode);
    ResponseParts parts = parts(task, mode, output);
    Accuracy accuracy = swapsIfevalArgs(task) || !AccuracyGate.admits(parts, task, mode, config.fidelity())
        || config.substance().judge(parts.answer(), label.activeRules(), prompt, parts.think())
            != AnswerSubstance.Verdict.SUBSTANTIVE
        ? Accuracy.gatedOut()
        : constraintAccuracy(verdicts(prompt, parts.answer(), label, judgeVerdicts));
    return RewardResult.of(task, mode, parts, formatReward(task, parts), accuracy);
  }

  /**
   * Scores a math response. As in the reference, the accuracy is not gated by format and the answer is looked for in
   * the whole output, reasoning included; the last box wins. A blank reference is a data error in both modes:
   * accuracy 0 and an {@code INVALID} verdict (the reference would compare against an empty string).
   */
  public RewardResult scoreMath(RewardTask task, String output, RolloutMode mode, String reference) {
    if (task.kind() != TaskKind.MATH) throw new IllegalArgumentException(task.kind() + " tasks are scored by scoreConstraints");
    task = task.forMode(mode);
    ResponseParts parts = parts(task, mode, output);
    return RewardResult.of(task, mode, parts, formatReward(task, parts), mathAccuracy(output, reference));
  }

  private boolean swapsIfevalArgs(RewardTask task) {
    return config.ifevalSwapArgs() && task.kind() == TaskKind.IFEVAL;
  }

  private static double formatReward(RewardTask task, ResponseParts parts) {
    return task.ignoreFormat() || parts.formatOk() ? RewardValues.FORMAT_OK : RewardValues.FORMAT_BAD;
  }

  private List<ConstraintVerdict> verdicts(String prompt, String answer, CompositeLabel label, List<Boolean> judged) {
    List<ConstraintVerdict> verdicts = new ArrayList<>();
    for (Constraint rule : label.activeRules()) {
      try {
        verdicts.add(ConstraintVerdict.of(rule, checker.check(rule, prompt, answer)));
      } catch (InvalidConstraintException e) {
        verdicts.add(ConstraintVerdict.invalid(rule, e.getMessage()));
      }
    }
    List<String> questions = label.activeQuestions();
    int answered = judged == null ? 0 : judged.size();
    if (answered != questions.size()) {
      throw new IllegalArgumentException("judge gave " + answered + " verdicts for " + questions.size() + " questions");
    }
    for (int i = 0; i < questions.size(); i++) {
      Boolean yes = judged.get(i);
      if (yes == null) throw new IllegalArgumentException("judge verdict " + i + " is missing");
      verdicts.add(ConstraintVerdict.of(new Constraint(JUDGE_QUESTION, Map.of("question", questions.get(i))), yes));
    }
    return verdicts;
  }

  private Accuracy constraintAccuracy(List<ConstraintVerdict> verdicts) {
    long checked = verdicts.stream().filter(ConstraintVerdict::checked).count();
    long passed = verdicts.stream().filter(ConstraintVerdict::passed).count();
    String invalid = verdicts.stream().filter(v -> !v.checked()).map(ConstraintVerdict::error)
        .collect(Collectors.joining("; "));
    if (checked == 0) {
      String error = invalid.isEmpty() ? "label has no active constraints" : "no checkable constraint: " + invalid;
      double reward = config.fidelity() == Fidelity.CODE_FAITHFUL ? RewardValues.ALL_PASS : 0.0;
      return new Accuracy(reward, false, verdicts, null, error);
    }
    return new Accuracy(RewardValues.constraintAccuracy(passed, checked), false, verdicts,
        (double) passed / checked, invalid.isEmpty() ? null : invalid);
  }

  private Accuracy mathAccuracy(String output, String reference) {
    if (reference == null || reference.isBlank()) {
      Constraint check = new Constraint(MATH_EQUIVALENT, Map.of("reference", ""));
      String error = "math label has an empty reference answer";
      return new Accuracy(0.0, false, List.of(ConstraintVerdict.invalid(check, error)), null, error);
    }
    MathVerdict verdict = math.verify(output, reference);
    // the reference overrides on the substring "boxed" anywhere; the paper intent is "a box was found"
    boolean boxed = config.fidelity() == Fidelity.CODE_FAITHFUL ? output.contains("boxed") : verdict.answer().boxed();
    double reward = !boxed ? RewardValues.MATH_NO_BOX
        : verdict.equal() ? RewardValues.MATH_CORRECT : RewardValues.MATH_WRONG;
    String error = verdict.timedOut() ? "math check exceeded " + math.timeBound().toMillis() + " ms" : null;
    Constraint check = new Constraint(MATH_EQUIVALENT,
        Map.of("reference", reference, "predicted", verdict.answer().text()));
    ConstraintVerdict v = new ConstraintVerdict(check,
        verdict.equal() ? ConstraintVerdict.Outcome.PASSED : ConstraintVerdict.Outcome.FAILED, error);
    return new Accuracy(reward, false, List.of(v), verdict.equal() ? 1.0 : 0.0, error);
  }
}
