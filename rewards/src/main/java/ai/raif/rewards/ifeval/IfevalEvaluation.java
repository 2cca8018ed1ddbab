package ai.raif.rewards.ifeval;

import ai.raif.rewards.Constraint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A drop-in for Google's {@code evaluation_main}: scores the responses to IFEval's prompts strictly and loosely, writes
 * {@code eval_results_strict.jsonl} and {@code eval_results_loose.jsonl} byte-identical to the reference's, and
 * returns the metrics; {@link IfevalMetrics#format} gives the printed report.
 */
public final class IfevalEvaluation {
  private static final IfevalChecker CHECKER = new IfevalChecker();
  private static final int PROMPT_PREVIEW = 60;

  private IfevalEvaluation() {}

  /**
   * @param inputData IFEval's {@code input_data.jsonl} (or a subset of its rows)
   * @param responseData rows of {@code {"prompt", "response"}}; every input prompt needs one
   * @param outputDir created if missing
   * @throws IfevalDataException for unreadable rows, a prompt without response, or an invalid constraint
   */
  public static IfevalMetrics run(Path inputData, Path responseData, Path outputDir) {
    List<IfevalInput> inputs = IfevalData.readInputs(inputData);
    if (inputs.isEmpty()) throw new IfevalDataException(inputData + ": no input rows");
    Map<String, String> responses = IfevalData.readResponses(responseData);
    Map<FollowMode, List<IfevalResult>> results = new EnumMap<>(FollowMode.class);
    for (FollowMode mode : FollowMode.values()) results.put(mode, new ArrayList<>());
    for (IfevalInput input : inputs) {
      String response = responses.get(input.prompt());
      if (response == null) {
        throw new IfevalDataException(responseData + ": no response for the prompt of key " + input.key() + " ("
            + preview(input.prompt()) + ") from " + inputData);
      }
      List<Instruction> instructions = bind(input, inputData);
      for (FollowMode mode : FollowMode.values()) {
        results.get(mode).add(score(input, instructions, response, mode));
      }
    }
    try {
      Files.createDirectories(outputDir);
      for (FollowMode mode : FollowMode.values()) {
        write(outputDir.resolve(mode.resultsName() + ".jsonl"), results.get(mode));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + outputDir, e);
    }
    return new IfevalMetrics(
        IfevalReport.of(results.get(FollowMode.STRICT)), IfevalReport.of(results.get(FollowMode.LOOSE)));
  }

  /** The verdicts for one row; the instructions are the row's, already bound. */
  static IfevalResult score(IfevalInput input, List<Instruction> instructions, String response, FollowMode mode) {
    List<String> candidates = mode.candidates(response);
    List<Boolean> followed = new ArrayList<>(instructions.size());
    for (Instruction instruction : instructions) followed.add(FollowMode.follows(instruction, candidates));
    return new IfevalResult(input.instructionIds(), input.prompt(), response, followed);
  }

  static List<Instruction> bind(IfevalInput input, Path source) {
    List<Instruction> instructions = new ArrayList<>();
    for (int i = 0; i < input.instructionIds().size(); i++) {
      try {
        instructions.add(CHECKER.bind(new Constraint(input.instructionIds().get(i), input.kwargs().get(i))));
      } catch (IllegalArgumentException e) { // InvalidConstraintException, or a blank id
        throw new IfevalDataException(source + ": row with key " + input.key() + ": " + e.getMessage(), e);
      }
    }
    return instructions;
  }

  private static void write(Path file, List<IfevalResult> results) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (IfevalResult r : results) {
        w.write(r.toJsonLine());
        w.write('\n');
      }
    }
  }

  private static String preview(String prompt) {
    String oneLine = prompt.replace('\n', ' ');
    if (oneLine.length() <= PROMPT_PREVIEW) return "\"" + oneLine + "\"";
    int cut = Character.isHighSurrogate(oneLine.charAt(PROMPT_PREVIEW - 1)) ? PROMPT_PREVIEW - 1 : PROMPT_PREVIEW;
    return "\"" + oneLine.substring(0, cut) + "...\"";
  }
}
