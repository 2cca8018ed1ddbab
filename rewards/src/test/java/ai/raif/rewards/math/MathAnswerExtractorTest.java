package ai.raif.rewards.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.raif.rewards.math.MathAnswer.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathAnswerExtractorTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      So the result is \\boxed{42}.                             | 42                  | BOXED
      \\boxed{\\frac{1}{2}}                                     | \\frac{1}{2}        | BOXED
      nested \\boxed{\\{1, \\{2\\}\\}} braces                   | \\{1, \\{2\\}\\}    | BOXED
      first \\boxed{1} then \\boxed{2}                          | 2                   | BOXED
      spaced \\boxed {7}                                        | 7                   | BOXED
      $\\boxed 5$ done                                          | 5                   | BOXED
      \\boxed 12 apples                                         | 12                  | BOXED
      an fbox \\fbox{9} answer                                  | 9                   | BOXED
      \\boxed{3} and later \\fbox{4}                            | 4                   | BOXED
      truncated \\boxed{\\frac{1}{                              | \\frac{1}{          | BOXED
      empty \\boxed{} box                                       | ""                  | BOXED
      The answer is 42.                                         | 42                  | ANSWER_PHRASE
      So the final answer is: $x^2$                             | $x^2$               | ANSWER_PHRASE
      THE ANSWER IS 7                                           | 7                   | ANSWER_PHRASE
      We get 3 apples and 4.5 pears                             | 4.5                 | LAST_NUMBER
      It costs 1,000 dollars                                    | 1000                | LAST_NUMBER
      temperature -7 degrees                                    | -7                  | LAST_NUMBER
      version 1.2.3                                             | .3                  | LAST_NUMBER
      no digits at all                                          | ""                  | NONE
      """)
  void findsTheFinalAnswer(String response, String expected, Source source) {
    MathAnswer answer = MathAnswerExtractor.extract(response);
    assertEquals(expected, answer.text());
    assertEquals(source, answer.source());
  }

  @Test
  void answerPhraseTakesTheLineAfterTheLastOccurrence() {
    String response = "I thought the answer is 3.\nActually, the answer is\n\n  5\nbecause reasons";
    assertEquals("5", MathAnswerExtractor.extract(response).text());
  }
}
