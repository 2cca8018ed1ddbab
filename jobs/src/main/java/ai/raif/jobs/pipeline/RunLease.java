package ai.raif.jobs.pipeline;

import ai.raif.udfs.storage.SharedFiles;
import ai.raif.udfs.storage.StorageRoot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One writer per run: {@code iterate}, {@code train}, {@code demo} and the other stage commands hold a lease on the
 * run, a small file {@code <tables.root>/_leases/<run id>.json} naming its owner, renewed by a heartbeat. A second
 * command on the same run fails at once and names the owner, instead of the two deleting each other's trainer state
 * and racing their MERGEs. An owner whose heartbeat is older than {@code staleAfter} is taken for dead (killed, its
 * machine gone) and its lease is taken over; clocks of the machines must agree to well within that. An owner on the
 * same host whose process has ended is taken over at once. An owner that finds its lease taken over, or cannot renew
 * it, stops at the next stage ({@link #checkHeld}).
 */
public final class RunLease implements AutoCloseable {
  /**
   * How long a silent owner keeps its lease; its heartbeat renews it four times as often. An owner on the same host
   * whose process has ended (killed with -9, crashed) loses it at once, so a rerun need not wait.
   */
  public static final Duration STALE_AFTER = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A JVM's recorded start and the OS's start of its process differ by the JVM's boot; a reused pid by far more. */
  private static final long PID_START_TOLERANCE_MS = 10_000;
  /** Leases this JVM holds (by run id), so that the stages can check theirs is still theirs. */
  private static final Map<String, RunLease> HELD = new ConcurrentHashMap<>();

  /**
   * What the lease file holds: the owner for people, a token that tells owners apart, the heartbeat, and the owner's
   * process (host, pid, start) so that a rerun on the same host can see at once that the owner is dead.
   */
  record Holder(String owner, String token, long heartbeatMs, Process process) {
    /** An owner's process; a null one (a lease written elsewhere, or by an older version) is never presumed dead. */
    record Process(String host, long pid, long startMs) {
      static Process current() {
        ProcessHandle self = ProcessHandle.current();
        return new Process(hostName(), self.pid(), startMillis(self));
      }

      /**
       * Whether this process is known to have ended: it ran on this host and its pid is gone, or belongs to a process
       * started at another time (the pid was reused).
       */
      boolean endedHere() {
        if (!host.equals(hostName())) return false;
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) return true;
        long started = startMillis(p.get());
        return started != 0 && startMs != 0 && Math.abs(started - startMs) > PID_START_TOLERANCE_MS;
      }

      private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
      }
    }

    String json() {
      Map<String, Object> m = new LinkedHashMap<>(Map.of("owner", owner, "token", token,
          "heartbeat_ms", heartbeatMs));
      if (process != null) {
        m.put("host", process.host());
        m.put("pid", process.pid());
        m.put("started_ms", process.startMs());
      }
      try {
        return JSON.writeValueAsString(m);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The holder in {@code text}, or null for a file that is not one (half written, or foreign). */
    static Holder parse(String text) {
      try {
        var n = JSON.readTree(text);
        if (n == null || !n.hasNonNull("owner") || !n.hasNonNull("token") || !n.hasNonNull("heartbeat_ms")) return null;
        Process process = n.hasNonNull("host") && n.hasNonNull("pid") && n.hasNonNull("started_ms")
            ? new Process(n.get("host").asText(), n.get("pid").asLong(), n.get("started_ms").asLong()) : null;
        return new Holder(n.get("owner").asText(), n.get("token").asText(), n.get("heartbeat_ms").asLong(), process);
      } catch (JsonProcessingException e) {
        return null;
      }
    }

    /** Whether the owner is gone: silent for longer than {@code staleAfter}, or known to have ended on this host. */
    boolean dead(long nowMs, Duration staleAfter) {
      return nowMs - heartbeatMs > staleAfter.toMillis() || (process != null && process.endedHere());
    }
  }

  private final String runId;
  private final String file;
  private final Holder mine;
  private final Duration staleAfter;
  private final ScheduledExecutorService heartbeat;
  private volatile String lostTo;
  /** When the lease was last renewed: an owner that cannot renew for staleAfter may have been taken over. */
  private volatile long renewedMs;

  private RunLease(String runId, String file, Holder mine, Duration staleAfter) {
    this.runId = runId;
    this.file = file;
    this.mine = mine;
    this.staleAfter = staleAfter;
    this.renewedMs = mine.heartbeatMs();
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "raif-lease-" + runId);
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, staleAfter.toMillis() / 4);
    heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /** Where the lease of {@code runId} lives under the tables root. */
  static String file(StorageRoot tablesRoot, String runId) {
    return tablesRoot.resolve("_leases/" + runId + ".json");
  }

  /**
   * Takes the lease of {@code runId}, or fails naming its live owner.
   *
   * @throws IllegalStateException when another owner's heartbeat is younger than {@code staleAfter}
   */
  public static RunLease acquire(StorageRoot tablesRoot, String runId, Duration staleAfter) {
    String file = file(tablesRoot, runId);
    Holder mine = new Holder(ownerName(), UUID.randomUUID().toString(), System.currentTimeMillis(),
        Holder.Process.current());
    if (!SharedFiles.createNew(file, mine.json())) {
      Holder other = read(file);
      long now = System.currentTimeMillis();
      long age = now - (other != null ? other.heartbeatMs() : modifiedOrZero(file));
      if (other != null ? !other.dead(now, staleAfter) : age <= staleAfter.toMillis()) {
        // an unreadable file written lately may be a live owner's lease caught mid-rewrite
        throw held(runId, file, other != null ? other : new Holder("another process", "", 0, null), age, staleAfter);
      }
      // a dead owner (or a file that is no lease): take over. Of two takers racing here one create wins; the re-read
      // keeps a late taker from deleting the lease the winner just wrote (a narrow window remains on object stores)
      Holder again = read(file);
      if (again != null && (other == null || !again.token().equals(other.token()))) {
        throw held(runId, file, again, 0, staleAfter);
      }
      SharedFiles.delete(file);
      if (!SharedFiles.createNew(file, mine.json())) {
        Holder winner = read(file);
        throw held(runId, file, winner == null ? new Holder("another process", "", 0, null) : winner, 0, staleAfter);
      }
    }
    RunLease lease = new RunLease(runId, file, mine, staleAfter);
    HELD.put(runId, lease);
    return lease;
  }

  /**
   * The holder in {@code file}, read up to three times: a heartbeat rewrites the file in place, so a reader may meet it
   * half written. Null for a file that stays unreadable (no lease of ours).
   */
  private static Holder read(String file) {
    for (int attempt = 0; ; attempt++) {
      Holder h;
      try {
        h = SharedFiles.exists(file) ? Holder.parse(SharedFiles.readString(file)) : null;
      } catch (java.io.UncheckedIOException e) {  // gone between the check and the read, or caught mid-rewrite
        h = null;
      }
      if (h != null || attempt == 2) return h;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private static long modifiedOrZero(String file) {
    try {
      return SharedFiles.modifiedMillis(file);
    } catch (java.io.UncheckedIOException e) {
      return 0;
    }
  }

  /**
   * Fails when this JVM held the lease of {@code runId} and lost it, or could not renew it for longer than another
   * owner waits before taking over; does nothing for a run it holds no lease on.
   */
  public static void checkHeld(String runId) {
    RunLease lease = HELD.get(runId);
    if (lease == null) return;
    if (lease.lostTo != null) {
      throw new IllegalStateException("run '" + runId + "' was taken over by " + lease.lostTo + " (lease " + lease.file
          + "): this process stops rather than write beside it");
    }
    long silent = System.currentTimeMillis() - lease.renewedMs;
    if (silent > lease.staleAfter.toMillis()) {
      throw new IllegalStateException("run '" + runId + "': its lease " + lease.file + " could not be renewed for "
          + silent / 1000 + " s, so another process may have taken the run over: this process stops");
    }
  }

  private void renew() {
    try {
      Holder now = Holder.parse(SharedFiles.readString(file));
      if (now == null || !now.token().equals(mine.token())) {
        lostTo = now == null ? "another process (the lease file is gone or unreadable)" : now.owner();
        heartbeat.shutdown();
        return;
      }
      long at = System.currentTimeMillis();
      SharedFiles.writeString(file, new Holder(mine.owner(), mine.token(), at, mine.process()).json());
      renewedMs = at;
    } catch (RuntimeException e) {
      // storage unreachable for a moment: the next beat tries again; a long outage lets another owner take over
    }
  }

  /** Stops the heartbeat and removes the lease, if it is still this owner's. */
  @Override
  public void close() {
    heartbeat.shutdown();
    try {  // a renewal in flight would write the lease back after the delete below
      heartbeat.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    HELD.remove(runId, this);
    try {
      Holder now = lostTo == null ? read(file) : null;
      if (now != null && now.token().equals(mine.token())) SharedFiles.delete(file);
    } catch (RuntimeException e) {
      // left behind: it goes stale and the next owner takes it over
    }
  }

  private static IllegalStateException held(String runId, String file, Holder other, long ageMs,
      Duration staleAfter) {
    return new IllegalStateException("run '" + runId + "' is in use by " + other.owner() + " (heartbeat "
        + Duration.ofMillis(ageMs).toSeconds() + " s ago, lease " + file + "); wait for it to finish, or use another "
        + "run.id. A lease whose owner died is taken over after " + staleAfter.toSeconds() + " s without heartbeat, at "
        + "once by a process on the owner's host.");
  }

  /** {@code host pid N since <time>}: enough for a user to find the other process. */
  private static String ownerName() {
    return hostName() + " pid " + ProcessHandle.current().pid() + " since " + Instant.ofEpochMilli(
        ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
