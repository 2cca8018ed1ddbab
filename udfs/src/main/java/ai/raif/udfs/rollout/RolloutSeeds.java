package ai.raif.udfs.rollout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A rollout's seed as a pure function of its identity (DESIGN §4), so a retried task or a rerun regenerates the same
 * text. SHA-256 of the fields rather than a hash combiner: seeds of neighbouring samples must not correlate.
 */
public final class RolloutSeeds {
  private RolloutSeeds() {}

  public static long seed(long baseSeed, String runId, int iteration, String promptId, String mode, int sampleIdx) {
    String identity = baseSeed + "\u0000" + runId + "\u0000" + iteration + "\u0000" + promptId + "\u0000" + mode
        + "\u0000" + sampleIdx;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
