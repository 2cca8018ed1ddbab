package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.bench.GenerationBenchmark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the hot paths.",
    subcommands = {BenchCommand.Generate.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Prefill and decode tokens/s at several batch sizes, the fp32 GEMM bound, and the same with "
          + "Hugging Face transformers on the same weights when python3 has torch + transformers + gguf "
          + "(RAIF_PYTHON picks the interpreter).")
  static final class Generate implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--batches", split = ",", defaultValue = "1,8,32") List<Integer> batches;

    @Option(names = "--prompt-tokens", defaultValue = "64") int promptTokens;

    @Option(names = "--steps", defaultValue = "32", description = "decode steps per batch") int steps;

    @Option(names = "--rss-steps", defaultValue = "0",
        description = "also run this many decode steps at batch 8 and print RSS every 100 steps") int rssSteps;

    @Option(names = "--no-reference", description = "skip the transformers measurement") boolean noReference;

    @Override
    public Integer call() throws Exception {
      RaifConfig c = common.config();
      String threads = System.getProperty("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
      try (LanguageModel lm = LanguageModel.load(c.model().path())) {
        double gflops = GenerationBenchmark.gemmGflops(lm.manager(), 2048, 5);
        System.out.printf(Locale.ROOT, "model %s, torch threads %s%n", lm.source(), threads);
        System.out.printf(Locale.ROOT, "fp32 GEMM 2048^3 in DJL: %.1f GFLOP/s%n", gflops);
        System.out.println("engine        batch  prefill tok/s  decode tok/s  ms/step  decode vs FLOP bound");
        List<String> rows = new ArrayList<>();
        for (int b : batches) {
          GenerationBenchmark.Result r = GenerationBenchmark.run(lm, b, promptTokens, steps);
          double bound = gflops * 1e9 / GenerationBenchmark.flopsPerToken(lm.config(), promptTokens + steps / 2);
          System.out.printf(Locale.ROOT, "raif-djl      %5d  %13.1f  %12.1f  %7.1f  %5.1f%% of %.0f tok/s%n", b,
              r.prefillTokensPerSec(), r.decodeTokensPerSec(), r.decodeMsPerStep(),
              100 * r.decodeTokensPerSec() / bound, bound);
        }
        if (rssSteps > 0) {
          System.out.printf(Locale.ROOT, "RSS over %d decode steps at batch 8:%n", rssSteps);
          GenerationBenchmark.rssOverLongLoop(lm, 8, rssSteps, 100,
              rss -> System.out.printf(Locale.ROOT, "  %d MB%n", rss >> 20));
        }
        if (!noReference) reference(lm.source(), threads);
      }
      return 0;
    }

    private void reference(String model, String threads) throws IOException, InterruptedException {
      Path script = Path.of(System.getProperty("raif.home", "."), "tools", "bench", "hf_generate.py");
      if (!model.endsWith(".gguf") || !Files.isRegularFile(script)) {
        System.out.println("transformers: skipped (needs a GGUF model and " + script + ")");
        return;
      }
      String python = System.getenv().getOrDefault("RAIF_PYTHON", "python3");
      ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--gguf", model, "--batches",
          String.join(",", batches.stream().map(String::valueOf).toList()), "--prompt-tokens",
          String.valueOf(promptTokens), "--steps", String.valueOf(steps), "--threads", threads);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        System.out.println("transformers: skipped (" + python + " not runnable)");
        return;
      }
      ObjectMapper json = new ObjectMapper();
      int rows = 0;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (!line.startsWith("{")) continue;
          JsonNode n = json.readTree(line);
          rows++;
          System.out.printf(Locale.ROOT, "transformers  %5d  %13.1f  %12.1f  %7.1f  (torch %s)%n", n.get("batch").asInt(),
              n.get("prefill_tok_s").asDouble(), n.get("decode_tok_s").asDouble(),
              n.get("decode_ms_per_step").asDouble(), n.get("torch").asText());
        }
      }
      p.waitFor(10, TimeUnit.MINUTES);
      if (rows == 0) System.out.println("transformers: skipped (" + python + " lacks torch/transformers/gguf)");
    }
  }
}
