package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.serve.OpenAiServer;
import ai.raif.trainer.LanguageModel;
import ai.raif.udfs.model.Models;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the configured model behind an OpenAI-compatible HTTP API (/v1/models, /v1/chat/completions, "
        + "/v1/completions) until killed.")
final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--port", defaultValue = "8000", description = "TCP port; 0 picks a free one (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "address to bind (default ${DEFAULT-VALUE}); the API has no authentication")
  String host;

  @Option(names = "--name", paramLabel = "ID", description = "model id clients send and see (default: the --model value)")
  String name;

  // a worker waits for its request's whole generation, so there are enough for --max-batch rows and a queue beside
  @Option(names = "--workers", defaultValue = "32", description = "HTTP worker threads (default ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--max-batch", defaultValue = "8",
      description = "prompts generated together at most (default ${DEFAULT-VALUE})")
  int maxBatch;

  @Option(names = "--max-queued", defaultValue = "256",
      description = "prompts that may wait for a row; more get 503 at once (default ${DEFAULT-VALUE})")
  int maxQueued;

  @Option(names = "--request-timeout", defaultValue = "600", paramLabel = "SECONDS",
      description = "a request still generating after this long is cancelled and gets 503 (default ${DEFAULT-VALUE})")
  long requestTimeoutSeconds;

  @Option(names = "--max-prefill-tokens", defaultValue = "8192", paramLabel = "TOKENS",
      description = "prompt tokens prefilled together at one step at most (distinct prompts x the longest): a burst "
          + "of long prompts is prefilled over several steps instead of in one pass whose memory grows with "
          + "prompts x length^2; 0 = no bound (default ${DEFAULT-VALUE})")
  int maxPrefillTokens;

  @Option(names = "--read-timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "a client must send its whole request, headers and body, within this long; a slower connection "
          + "is closed, so that slow senders cannot hold every worker. The clock starts at the request's first byte, "
          + "so a request that waits this long for a free worker is closed too: keep --workers above the requests "
          + "you expect at once (default ${DEFAULT-VALUE})")
  long readTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (readTimeoutSeconds < 1) {
      throw new IllegalArgumentException("--read-timeout must be >= 1, got " + readTimeoutSeconds);
    }
    // the JDK's HTTP server reads these once per JVM, when its first server starts: raif serve's is the first
    System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(readTimeoutSeconds));
    RaifConfig c = common.config();
    String id = name != null ? name : c.model().path();
    LanguageModel lm = Models.load(c.model().path());
    OpenAiServer server;
    try {
      server = OpenAiServer.start(lm, id, new OpenAiServer.Options(host, port, workers, maxBatch,
          c.generation().maxNewTokens(), maxQueued, Duration.ofSeconds(requestTimeoutSeconds), maxPrefillTokens),
          ServeCommand::exitSoon);
    } catch (RuntimeException | java.io.IOException e) {
      lm.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // The model is not closed on the way out: a generation may still be running on it, and the process ends anyway.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "raif-serve-shutdown"));
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      System.err.println("warning: listening on " + host + ": anyone who can reach it can use the model");
    }
    System.out.println("serving " + id + " at " + server.url() + "/v1 (Ctrl-C to stop)");
    System.out.flush();
    stopped.await();
    return 0;
  }

  /**
   * Generation died: exit (status 70) rather than hang, so that a supervisor restarts the server. The 2 s grace lets
   * the requests in flight get their 503s and a health probe see one.
   */
  private static void exitSoon(Throwable cause) {
    System.err.println("raif serve: the generation thread died (" + cause + "); /health answers 503; exiting");
    Thread exit = new Thread(() -> {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.exit(70);
    }, "raif-serve-exit");
    exit.start();
  }
}
