package ai.raif.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServeCommandTest {
  @Test
  void isRegisteredWithItsOptions() {
    RaifCliTest.Run r = RaifCliTest.run("serve", "--help");
    assertEquals(0, r.code(), r.err());
    for (String option : new String[] {"--port", "--host", "--model", "--name", "--max-batch"}) {
      assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
    }
    assertTrue(r.out().contains("127.0.0.1"), "loopback is the default host");
  }
}
