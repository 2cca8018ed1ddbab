package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ratio:overlap}: the share of the response's distinct character trigrams (code points) that also occur in
 * reference_text is within percentage ± 2 points; a response shorter than 3 characters fails.
 */
record TrigramOverlap(Set<String> reference, double percentage) implements Instruction {
  static final List<String> KWARGS = List.of("reference_text", "percentage");

  static TrigramOverlap from(Kwargs kw) {
    return new TrigramOverlap(trigrams(kw.string("reference_text")), kw.nonNegativeNumber("percentage"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    Set<String> trigrams = trigrams(response);
    if (trigrams.isEmpty()) return false;
    long shared = trigrams.stream().filter(reference::contains).count();
    double overlap = (double) shared / trigrams.size() * 100;
    return percentage - 2 <= overlap && overlap <= percentage + 2;
  }

  private static Set<String> trigrams(String text) {
    int[] cps = text.codePoints().toArray();
    Set<String> trigrams = new HashSet<>();
    for (int i = 0; i + 3 <= cps.length; i++) trigrams.add(new String(cps, i, 3));
    return Set.copyOf(trigrams);
  }
}
