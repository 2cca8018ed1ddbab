package ai.raif.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewardTaskTest {
  @ParameterizedTest(name = "[{index}] '{0}'")
  @CsvSource(textBlock = """
      ifeval,            IFEVAL,  false
      ifeval_zh,         IFEVAL,  false
      ifevalwoFormat,    IFEVAL,  true
      complex,           COMPLEX, false
      complexwoFormat,   COMPLEX, true
      default,           MATH,    false
      math,              MATH,    false
      '',                MATH,    false
      """)
  void routesByPrefixLikeTheReference(String tag, TaskKind kind, boolean ignoreFormat) {
    assertEquals(new RewardTask(kind, ignoreFormat), RewardTask.parse(tag));
  }

  @Test
  void unknownTagsNameTheTag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewardTask.parse("kk_logic"));
    assertEquals("task 'kk_logic': unknown task tag (expected ifeval*, complex*, math* or default)", e.getMessage());
  }
}
