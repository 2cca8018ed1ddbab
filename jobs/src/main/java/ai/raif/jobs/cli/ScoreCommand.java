package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Scorer;
import ai.raif.udfs.model.Models;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Print the log-probability of a continuation given a prompt (teacher forcing).")
final class ScoreCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT") String prompt;

  @Option(names = "--continuation", required = true, paramLabel = "TEXT",
      description = "the text to score; with the chat template it is the assistant's reply")
  String continuation;

  @Option(names = "--raw", description = "feed the prompt as is, without the chat template") boolean raw;

  @Option(names = "--per-token", description = "also print each continuation token with its log-prob") boolean perToken;

  @Override
  public Integer call() {
    RaifConfig c = common.config();
    try (LanguageModel lm = Models.load(c.model().path())) {
      int[] promptIds = Prompting.promptIds(lm, prompt, c.generation().systemPrompt(), raw);
      if (continuation.isEmpty()) throw new IllegalArgumentException("the continuation is empty");
      int[] contIds = lm.tokenizer().encode(continuation, false);
      float[] lp = lm.score(List.of(new Scorer.Pair(promptIds, contIds))).get(0);
      double sum = 0;
      for (float v : lp) sum += v;
      if (perToken) {
        for (int i = 0; i < lp.length; i++) {
          System.out.printf(Locale.ROOT, "%6d %-24s %.6f%n", contIds[i],
              "'" + lm.tokenizer().decode(new int[] {contIds[i]}, false) + "'", lp[i]);
        }
      }
      System.out.printf(Locale.ROOT, "tokens=%d sum_logprob=%.6f mean_logprob=%.6f%n", lp.length, sum, sum / lp.length);
    }
    return 0;
  }
}
