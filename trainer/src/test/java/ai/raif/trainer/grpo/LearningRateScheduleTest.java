package ai.raif.trainer.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Warm-up then cosine to 10%, at the points where the shape is easy to work out by hand. */
class LearningRateScheduleTest {
  // peak 1e-3, warm-up over steps 0..10, cosine over steps 10..110 (100 intervals), final step 110
  final LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 111);

  @Test
  void warmUp() {
    assertEquals(0, s.lr(0), 0);
    assertEquals(0.5e-3, s.lr(5), 1e-15);
    assertEquals(0.1e-3, s.lr(1), 1e-15);
    assertEquals(1e-3, s.lr(10), 1e-15);
  }

  @Test
  void cosineDecayToTenPercent() {
    // halfway through the decay cos(π/2) = 0: the midpoint of peak and floor
    assertEquals((1e-3 + 1e-4) / 2, s.lr(60), 1e-15);
    // a quarter in: 0.1 + 0.9 · (1 + cos(π/4)) / 2
    assertEquals(1e-3 * (0.1 + 0.9 * (1 + Math.sqrt(0.5)) / 2), s.lr(35), 1e-15);
    assertEquals(1e-4, s.lr(110), 1e-15);
    for (int i = 11; i <= 110; i++) assertTrue(s.lr(i) < s.lr(i - 1), "decreasing at " + i);
  }

  @Test
  void noWarmUpStartsAtThePeak() {
    LearningRateSchedule n = new LearningRateSchedule(2.0, 0, 3);
    assertEquals(2.0, n.lr(0), 0);
    assertEquals(1.1, n.lr(1), 1e-12);
    assertEquals(0.2, n.lr(2), 1e-12);
  }

  @Test
  void warmUpFractionRoundsUp() {
    // the reference: ceil(0.03 · 48,750) = 1,463 (spec §4.4)
    assertEquals(1463, LearningRateSchedule.withWarmupFraction(1e-6, 0.03, 48_750).warmupSteps());
  }

  @Test
  void badArguments() {
    assertThrows(IllegalArgumentException.class, () -> s.lr(-1));
    IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> s.lr(111));
    assertTrue(past.getMessage().contains("[0, 110]"), past.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(Double.NaN, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, -1, 10));
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
        () -> new LearningRateSchedule(1e-3, 10, 11));
    assertTrue(tooShort.getMessage().contains(">= 12"), tooShort.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.withWarmupFraction(1e-3, 1.0, 10));
  }
}
