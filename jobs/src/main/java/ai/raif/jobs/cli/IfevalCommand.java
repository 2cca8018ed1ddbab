package ai.raif.jobs.cli;

import ai.raif.rewards.ifeval.IfevalEvaluation;
import ai.raif.rewards.ifeval.IfevalMetrics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Drop-in for Google's {@code evaluation_main}: same flags, same output files, same printed report. */
@Command(name = "ifeval", mixinStandardHelpOptions = true,
    description = "Score responses with the IFEval checkers; writes eval_results_strict.jsonl and "
        + "eval_results_loose.jsonl exactly as Google's evaluation_main does.")
final class IfevalCommand implements Callable<Integer> {
  @Option(names = {"--input_data", "--input-data"}, required = true, paramLabel = "F",
      description = "IFEval prompts (JSONL: key, prompt, instruction_id_list, kwargs)")
  Path inputData;

  @Option(names = {"--input_response_data", "--input-response-data"}, required = true, paramLabel = "F",
      description = "responses (JSONL: prompt, response)")
  Path responseData;

  @Option(names = {"--output_dir", "--output-dir"}, required = true, paramLabel = "D") Path outputDir;

  @Override
  public Integer call() {
    IfevalMetrics metrics = IfevalEvaluation.run(inputData, responseData, outputDir);
    System.out.print(metrics.format(outputDir));
    return 0;
  }
}
