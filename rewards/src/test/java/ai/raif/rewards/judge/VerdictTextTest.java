package ai.raif.rewards.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTextTest {
  /** Expected: YES, NO, or NONE (no verdict). Literal \n in the input stands for a newline. */
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      YES(是)                     | YES
      NO(否)                      | NO
      yes                         | YES
      No.                         | NO
      ` Yes, it does.`            | YES
      \\n\\n  NO                  | NO
      **YES(是)**                 | YES
      'no'                        | NO
      "Yes"                       | YES
      - YES                       | YES
      是的                        | YES
      否                          | NO
      （是）                      | YES
      YES是                       | YES
      NO!                         | NO
      Yesterday                   | NONE
      Not really                  | NONE
      None of it                  | NONE
      Nope                        | NONE
      The answer is YES           | NONE
      不是                        | NONE
      yes2                        | NONE
      ``                          | NONE
      ...                         | NONE
      """)
  void parsesTheOpeningVerdict(String completion, String expected) {
    assertEquals(expected(expected), VerdictText.parse(completion.replace("\\n", "\n")));
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      YES          | YES
      ` Yes`       | YES
      yes          | YES
      Y            | YES
      ` Ye`        | YES
      是           | YES
      NO           | NO
      ` No`        | NO
      N            | NO
      否           | NO
      NO(          | NO
      Not          | NONE
      Yesterday    | NONE
      The          | NONE
      (            | NONE
      ` `          | NONE
      """)
  void readsTheVerdictATokenStarts(String token, String expected) {
    assertEquals(expected(expected), VerdictText.tokenVerdict(token));
  }

  static Optional<Boolean> expected(String name) {
    return switch (name) {
      case "YES" -> Optional.of(true);
      case "NO" -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
