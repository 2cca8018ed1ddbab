package ai.raif.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.raif.trainer.model.DefaultModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slowloris against {@code raif serve} in its own JVM (the JDK's HTTP server reads its timeouts once per JVM): clients
 * that open a request and never finish it hold no worker past {@code --read-timeout}, so others are still served.
 */
class ServeSlowClientsTest {
  @Test
  @Timeout(180)
  void slowSendersAreCutOffAndOtherClientsAreStillServed() throws Exception {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched");
    List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx2g",
        "-Dai.djl.offline=true", "-cp", System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")), RaifCli.class.getName(), "serve", "--port", "0", "--workers", "2",
        "--read-timeout", "2");
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<Socket> slow = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      Pattern serving = Pattern.compile("serving .* at (http://[^ ]+)/v1 ");
      String url = null;
      for (String line; url == null && (line = out.readLine()) != null; ) {
        Matcher m = serving.matcher(line);
        if (m.find()) url = m.group(1);
      }
      assertTrue(url != null, "raif serve did not start");
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "serve-output");  // a full pipe would block it
      drain.setDaemon(true);
      drain.start();
      URI base = URI.create(url);
      // as many slow clients as workers: each sends half a request's headers and then nothing
      for (int i = 0; i < 2; i++) {
        Socket s = new Socket(base.getHost(), base.getPort());
        OutputStream o = s.getOutputStream();
        o.write("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
        o.flush();
        slow.add(s);
      }
      Thread.sleep(300);
      long start = System.nanoTime();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("/health"))
          .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(seconds < 10, "served after " + seconds + " s");
      for (Socket s : slow) {
        s.setSoTimeout(10_000);
        try {
          while (s.getInputStream().read() != -1) { }  // whatever it says first, it then closes the connection
        } catch (java.net.SocketTimeoutException e) {
          throw new AssertionError("a slow connection is still open after 10 s", e);
        } catch (java.net.SocketException e) {
          // reset by the server: closed too
        }
      }
    } finally {
      for (Socket s : slow) s.close();
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly();
    }
  }
}
