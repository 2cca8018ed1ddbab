package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values printed by CPython 3.11: random.Random(seed).random() / gauss(0.0, 1.0) / choice(range(n)). */
class PythonRandomTest {

  @Test
  void randomMatchesCPythonForSeedZero() {
    PythonRandom random = new PythonRandom(0);
    double[] got = {random.random(), random.random(), random.random()};
    assertArrayEquals(new double[] {0.8444218515250481, 0.7579544029403025, 0.420571580830845}, got);
  }

  @Test
  void seedsWiderThan32BitsUseAllWords() {
    PythonRandom random = new PythonRandom(123456789012L);
    assertArrayEquals(new double[] {0.37701448538609916, 0.02069602357922562},
        new double[] {random.random(), random.random()});
  }

  @Test
  void gaussReturnsBothValuesOfEachPair() {
    PythonRandom random = new PythonRandom(0);
    double[] got = {random.gauss(), random.gauss(), random.gauss(), random.gauss()};
    assertArrayEquals(new double[] {0.9417154046806644, -1.3965781047011498, -0.6797144480784211, 0.3705035674606598},
        got);
  }

  @Test
  void choiceIndexesFollowRandbelowRejection() {
    PythonRandom random = new PythonRandom(0);
    int[] sizes = {1, 2, 3, 7, 100, 1000, 30000, 65536, 12345};
    int[] got = new int[sizes.length];
    for (int i = 0; i < sizes.length; i++) got[i] = random.randBelow(sizes[i]);
    assertArrayEquals(new int[] {0, 1, 0, 2, 65, 497, 13268, 39755, 7808}, got);
  }

  @Test
  void rejectsEmptySequencesAndNegativeSeeds() {
    assertThrows(IllegalArgumentException.class, () -> new PythonRandom(0).randBelow(0));
    assertThrows(IllegalArgumentException.class, () -> new PythonRandom(-1));
  }
}
