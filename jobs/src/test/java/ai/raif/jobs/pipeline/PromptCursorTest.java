package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptCursorTest {
  static final List<String> IDS = List.of("a", "b", "c", "d", "e");

  @Test
  void consecutiveIterationsWalkEachEpochOnceThenAFreshShuffle() {
    List<String> epoch0 = PromptCursor.shuffled(IDS, 0);
    List<String> epoch1 = PromptCursor.shuffled(IDS, 1);
    assertEquals(new HashSet<>(IDS), new HashSet<>(epoch0));
    // limit 2 over 5 prompts: iterations 0 and 1 take positions 0-3 of epoch 0, iteration 2 the last prompt of epoch 0
    // and the first of epoch 1, iteration 3 positions 1-2 of epoch 1
    assertEquals(epoch0.subList(0, 2), PromptCursor.window(IDS, 0, 2));
    assertEquals(epoch0.subList(2, 4), PromptCursor.window(IDS, 1, 2));
    assertEquals(List.of(epoch0.get(4), epoch1.get(0)), PromptCursor.window(IDS, 2, 2));
    assertEquals(epoch1.subList(1, 3), PromptCursor.window(IDS, 3, 2));
  }

  @Test
  void theOrderDependsOnlyOnTheIdsAndTheEpoch() {
    List<String> reversed = new ArrayList<>(IDS);
    java.util.Collections.reverse(reversed);
    assertEquals(PromptCursor.window(IDS, 7, 3), PromptCursor.window(reversed, 7, 3));
    List<String> many = IntStream.range(0, 50).mapToObj(i -> "p" + i).toList();
    assertNotEquals(PromptCursor.shuffled(many, 0), PromptCursor.shuffled(many, 1), "each epoch is shuffled anew");
    assertNotEquals(many, PromptCursor.shuffled(many, 0), "not the input order");
  }

  @Test
  void aLimitOfTheWholeSetTakesEveryPromptEveryIteration() {
    assertEquals(new HashSet<>(IDS), new HashSet<>(PromptCursor.window(IDS, 4, 5)));
    assertEquals(new HashSet<>(IDS), new HashSet<>(PromptCursor.window(IDS, 4, 9)));
    assertEquals(List.of(), PromptCursor.window(List.of(), 3, 2));
  }
}
