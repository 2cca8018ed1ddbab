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
 * A drop-in for Google's {@code evaluation_main} and, with {@link RuleBenchmark} IFBench, for AllenAI IFBench's
 * {@code run_eval}: scores the responses to the benchmark's prompts strictly and loosely, writes
 * {@code eval_results_strict.jsonl} and {@code eval_results_loose.jsonl} byte-identical to the reference's, and
 * returns the metrics; {@link IfevalMetrics#format} gives the printed report.
 */
public final class IfevalEvaluation {
  private static final int PROMPT_PREVIEW = 60;

  private IfevalEvaluation() {}

  /** IFEval's evaluation: {@link #run(RuleBenchmark, Path, Path, Path)} with {@link RuleBenchmark#IFEVAL}. */
  public static IfevalMetrics run(Path inputData, Path responseData, Path outputDir) {
    return run(RuleBenchmark.IFEVAL, inputData, responseData, outputDir);
  }

  /**
   * @param inputData the benchmark's input file ({@code input_data.jsonl}, {@code IFBench_test.jsonl}, or a subset)
   * @param responseData rows of {@code {"prompt", "response"}}, matched to the prompts as {@code benchmark} says
   * @param outputDir created if missing
   * @throws IfevalDataException for unreadable rows, a prompt without response where the benchmark requires one, or an
   *     invalid constraint in a row that has a response
   */
  public static IfevalMetrics run(RuleBenchmark benchmark, Path inputData, Path responseData, Path outputDir) {
    List<IfevalInput> inputs = IfevalData.readInputs(inputData);
    if (inputs.isEmpty()) throw new IfevalDataException(inputData + ": no input rows");
    Map<String, String> responses = benchmark.matching().read(responseData);
    Map<FollowMode, List<IfevalResult>> results = new EnumMap<>(FollowMode.class);
    for (FollowMode mode : FollowMode.values()) results.put(mode, new ArrayList<>());
    for (IfevalInput input : inputs) {
      String response = benchmark.matching().find(responses, input.prompt());
      if (response == null && benchmark.matching() == ResponseMatching.EXACT) {
        throw new IfevalDataException(responseData + ": no response for the prompt of key " + input.key() + " ("
            + preview(input.prompt()) + ") from " + inputData);
      }
      // IFBench answers a prompt without response before building its instructions, so their kwargs go unchecked.
      List<Instruction> instructions = response == null ? null : bind(benchmark.registry(), input, inputData);
      for (FollowMode mode : FollowMode.values()) {
        results.get(mode).add(
            response == null ? IfevalResult.unanswered(input) : score(input, instructions, response, mode));
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
    return new IfevalMetrics(IfevalReport.of(results.get(FollowMode.STRICT)),
        IfevalReport.of(results.get(FollowMode.LOOSE)), results.get(FollowMode.STRICT));
  }

  /** The verdicts for one row; the instructions are the row's, already bound. */
  static IfevalResult score(IfevalInput input, List<Instruction> instructions, String response, FollowMode mode) {
    List<String> candidates = mode.candidates(response);
    List<Boolean> followed = new ArrayList<>(instructions.size());
    for (Instruction instruction : instructions) followed.add(FollowMode.follows(instruction, candidates));
    return new IfevalResult(input.instructionIds(), input.prompt(), response, followed);
  }

  static List<Instruction> bind(InstructionRegistry registry, IfevalInput input, Path source) {
    List<Instruction> instructions = new ArrayList<>();
    try {
      for (Constraint c : input.constraints()) instructions.add(registry.bind(c));
    } catch (IllegalArgumentException e) { // InvalidConstraintException, or a blank id
      throw new IfevalDataException(source + ": row with key " + input.key() + ": " + e.getMessage(), e);
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
