package ai.raif.jobs.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which prompts iteration i rolls out when a run walks its prompt set ({@code prompts.order: cursor}): positions
 * [i·limit, (i+1)·limit) of an endless sequence of epochs, each epoch a shuffle of the whole set seeded by its number.
 * A pure function of (ids, iteration, limit), so a resumed or rerun iteration takes the same prompts without any saved
 * cursor, and every prompt is seen once per epoch (a window across two epochs may hold one prompt twice; it is rolled
 * out once).
 */
final class PromptCursor {
  private PromptCursor() {}

  static List<String> window(List<String> ids, int iteration, int limit) {
    int n = ids.size();
    if (limit >= n) return shuffled(ids, 0);
    List<String> out = new ArrayList<>();
    long start = (long) iteration * limit;
    List<String> epoch = null;
    long epochNumber = -1;
    for (long k = start; k < start + limit; k++) {
      if (k / n != epochNumber) {
        epochNumber = k / n;
        epoch = shuffled(ids, epochNumber);
      }
      out.add(epoch.get((int) (k % n)));
    }
    return out;
  }

  /** The epoch's order: by a mixed hash of (epoch, id), ties by id, independent of the input order. */
  static List<String> shuffled(List<String> ids, long epoch) {
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(Comparator.comparingLong((String id) -> mix(epoch * 0x9E3779B97F4A7C15L + id.hashCode()))
        .thenComparing(Comparator.naturalOrder()));
    return sorted;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
