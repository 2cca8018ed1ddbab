package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.udfs.storage.SharedFiles;
import ai.raif.udfs.storage.StorageRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run: a live owner refuses a second, a dead one is taken over, and a displaced one stops. */
class RunLeaseTest {
  static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void aSecondOwnerOfARunIsRefusedNamingTheFirstUntilTheFirstEnds(@TempDir Path dir) {
    StorageRoot root = StorageRoot.of(dir.toString());
    try (RunLease first = RunLease.acquire(root, "r1", MINUTE)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunLease.acquire(root, "r1", MINUTE));
      assertTrue(e.getMessage().startsWith("run 'r1' is in use by "), e.getMessage());
      assertTrue(e.getMessage().contains(" pid " + ProcessHandle.current().pid() + " "), e.getMessage());
      assertTrue(e.getMessage().contains(dir.resolve("_leases/r1.json").toString()), e.getMessage());
      try (RunLease other = RunLease.acquire(root, "r2", MINUTE)) {
        RunLease.checkHeld("r2");  // another run of the same tables is free
      }
      RunLease.checkHeld("r1");
    }
    assertFalse(Files.exists(dir.resolve("_leases/r1.json")), "released when its owner ends");
    try (RunLease again = RunLease.acquire(root, "r1", MINUTE)) {
      RunLease.checkHeld("r1");
    }
  }

  @Test
  void theHeartbeatRenewsTheLeaseAndADeadOwnersLeaseIsTakenOver(@TempDir Path dir) throws Exception {
    StorageRoot root = StorageRoot.of(dir.toString());
    Duration stale = Duration.ofSeconds(3);  // generous: a loaded test machine delays the heartbeat thread
    String file = RunLease.file(root, "r");
    try (RunLease live = RunLease.acquire(root, "r", stale)) {
      long first = heartbeat(file);
      Thread.sleep(1_500);
      assertTrue(heartbeat(file) > first, "renewed every 750 ms");
      assertThrows(IllegalStateException.class, () -> RunLease.acquire(root, "r", stale), "a live owner keeps it");
    }
    // an owner killed without a word: its heartbeat stopped long ago
    String dead = RunLease.file(root, "d");
    SharedFiles.writeString(dead, new RunLease.Holder("ghost pid 1", "t", System.currentTimeMillis() - 60_000, null).json());
    try (RunLease taker = RunLease.acquire(root, "d", stale)) {
      RunLease.Holder now = RunLease.Holder.parse(SharedFiles.readString(dead));
      assertFalse(now.owner().startsWith("ghost"), now.owner());
    }
  }

  @Test
  void anOwnerKilledOnThisHostIsTakenOverAtOnceAndALiveOneOrAnotherHostsIsNot(@TempDir Path dir) throws Exception {
    StorageRoot root = StorageRoot.of(dir.toString());
    long now = System.currentTimeMillis();
    // a process of this host that has ended, its heartbeat a second old: as after kill -9 of a driver
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    String file = RunLease.file(root, "killed");
    SharedFiles.writeString(file, holder("killed", ended.toHandle(), now).json());
    try (RunLease taker = RunLease.acquire(root, "killed", MINUTE)) {
      assertEquals(ProcessHandle.current().pid(), RunLease.Holder.parse(SharedFiles.readString(file)).process().pid());
    }
    // a live process of this host keeps it, and so does a process of another host, dead or not
    Process live = new ProcessBuilder("sleep", "30").start();
    try {
      SharedFiles.writeString(RunLease.file(root, "live"), holder("live", live.toHandle(), now).json());
      assertThrows(IllegalStateException.class, () -> RunLease.acquire(root, "live", MINUTE));
    } finally {
      live.destroyForcibly();
    }
    RunLease.Holder elsewhere = new RunLease.Holder("elsewhere pid 7", "t", now,
        new RunLease.Holder.Process("another-host", ended.pid(), now));
    SharedFiles.writeString(RunLease.file(root, "remote"), elsewhere.json());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunLease.acquire(root, "remote", MINUTE));
    assertTrue(e.getMessage().contains("elsewhere pid 7"), e.getMessage());
  }

  static RunLease.Holder holder(String name, ProcessHandle p, long heartbeatMs) {
    long started = p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    return new RunLease.Holder(name + " pid " + p.pid(), "t-" + name, heartbeatMs,
        new RunLease.Holder.Process(RunLease.Holder.Process.current().host(), p.pid(), started));
  }

  @Test
  void anOwnerWhoseLeaseWasTakenOverStopsAtItsNextStageAndLeavesTheNewLeaseAlone(@TempDir Path dir)
      throws Exception {
    StorageRoot root = StorageRoot.of(dir.toString());
    String file = RunLease.file(root, "r");
    RunLease displaced = RunLease.acquire(root, "r", Duration.ofMillis(400));
    // another process took it over (as it would after a long pause of this one)
    long deadline = System.nanoTime() + 5_000_000_000L;
    IllegalStateException stopped = null;
    while (stopped == null && System.nanoTime() < deadline) {
      // (re)written until noticed: a heartbeat that read its own lease just before may write it back once
      RunLease.Holder now = RunLease.Holder.parse(SharedFiles.readString(file));
      if (now == null || !now.owner().equals("usurper pid 2")) {
        SharedFiles.writeString(file, new RunLease.Holder("usurper pid 2", "x", System.currentTimeMillis(), null).json());
      }
      try {
        RunLease.checkHeld("r");
        Thread.sleep(20);
      } catch (IllegalStateException e) {
        stopped = e;
      }
    }
    assertTrue(stopped != null && stopped.getMessage().contains("taken over by usurper pid 2"),
        String.valueOf(stopped));
    displaced.close();
    assertEquals("usurper pid 2", RunLease.Holder.parse(SharedFiles.readString(file)).owner());
  }

  private static long heartbeat(String file) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {  // the heartbeat may be rewriting it just now
      RunLease.Holder h = RunLease.Holder.parse(SharedFiles.readString(file));
      if (h != null) return h.heartbeatMs();
      if (attempt == 20) throw new AssertionError("the lease file stays unreadable");
      Thread.sleep(10);
    }
  }
}
