package ai.raif.rewards.evolve;

import java.io.Serializable;

/**
 * How seeds are evolved.
 *
 * @param seed the evolution seed: the same seeds and settings give the same prompts
 * @param variants evolved prompts made from each seed
 * @param minConstraints fewest rule constraints a prompt asks for (Chain and Selection split them over their parts)
 * @param maxConstraints most rule constraints; the conflict table may leave fewer
 * @param andWeight relative share of And compositions (likewise {@code chainWeight}, {@code selectionWeight})
 * @param evalShare share of prompts put in the {@code eval} split
 * @param complexShare with a teacher: share of prompts made {@code complex} (judge questions) instead of rule-labelled
 * @param expertSystemPrompt the system message expert responses are asked under (RAIF's reasoning trigger)
 */
public record EvolveSettings(long seed, int variants, int minConstraints, int maxConstraints, int andWeight,
    int chainWeight, int selectionWeight, double evalShare, double complexShare, String expertSystemPrompt)
    implements Serializable {
  public EvolveSettings {
    if (variants < 1) throw new IllegalArgumentException("variants must be >= 1, got " + variants);
    if (minConstraints < 1 || maxConstraints < minConstraints) {
      throw new IllegalArgumentException("constraints per prompt must satisfy 1 <= min <= max, got " + minConstraints
          + ".." + maxConstraints);
    }
    if (andWeight < 0 || chainWeight < 0 || selectionWeight < 0 || andWeight + chainWeight + selectionWeight == 0) {
      throw new IllegalArgumentException("composition weights must be >= 0 and not all 0");
    }
    if (!(evalShare >= 0 && evalShare <= 1)) throw new IllegalArgumentException("eval share must be in [0, 1]");
    if (!(complexShare >= 0 && complexShare <= 1)) throw new IllegalArgumentException("complex share must be in [0, 1]");
  }
}
