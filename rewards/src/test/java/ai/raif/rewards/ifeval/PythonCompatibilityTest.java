package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Python str / repr / json behaviours the checkers and the evaluator depend on. */
class PythonCompatibilityTest {
  @Test
  void stripUsesPythonWhitespace() {
    assertEquals("x", PythonUnicode.strip("\u00a0\u2009\u001c\u0085\u3000 x\t\n\u000b\u000c\r"));
    assertEquals("\u200bx", PythonUnicode.strip("\u200bx"), "zero-width space is not whitespace");
    assertEquals("Word", PyStrings.firstWord("\u00a0Word\u00a0rest"));
    assertEquals(null, PyStrings.firstWord(" \u2028 "));
  }

  @Test
  void splitKeepsEmptyParts() {
    assertEquals(List.of("", "a", "", "\nb", ""), PyStrings.split("\n\na\n\n\n\n\nb\n\n", "\n\n"));
    assertEquals(List.of(""), PyStrings.split("", "\n"));
  }

  @Test
  void isUpperAndIsLowerNeedACasedCharacter() {
    assertTrue(PyStrings.isUpper("HELLO 123!"));
    assertFalse(PyStrings.isUpper("123"));
    assertFalse(PyStrings.isUpper("HELLO \u01c5"), "titlecase");
    assertTrue(PyStrings.isLower("\u1d43 modifier"));
    assertTrue(PyStrings.isUpper("\u2160"), "Roman numeral one is Other_Uppercase");
  }

  @Test
  void wordCharactersAreLettersNumbersAndUnderscore() {
    assertTrue(PythonUnicode.isWordChar('_'));
    assertTrue(PythonUnicode.isWordChar('\u00b2'), "superscript two is No");
    assertTrue(PythonUnicode.isWordChar('\u0663'));
    assertFalse(PythonUnicode.isWordChar('\u0301'), "combining marks are not");
    assertFalse(PythonUnicode.isWordChar('\u203f'), "Pc other than _ is not");
  }

  @Test
  void floatReprIsPythons() {
    assertEquals("0.6346153846153846", PyFloat.repr(99.0 / 156));
    assertEquals("1.0", PyFloat.repr(1.0));
    assertEquals("0.0", PyFloat.repr(0.0));
    assertEquals("0.1", PyFloat.repr(0.1));
    assertEquals("0.0001", PyFloat.repr(0.0001));
    assertEquals("1e-05", PyFloat.repr(0.00001));
    assertEquals("0.0008333333333333334", PyFloat.repr(1.0 / 1200));
    assertEquals("1e+16", PyFloat.repr(1e16));
    assertEquals("1234567890123456.0", PyFloat.repr(1234567890123456.0));
    assertEquals("nan", PyFloat.repr(Double.NaN));
  }

  @Test
  void jsonStringsAreWrittenWithEnsureAscii() {
    String written =
        new PyJsonWriter().value("q\" b\\ \n\r\t\b\f \u0001 \u007f \u00e9 \u2028 \ud83d\ude00 ~").toString();
    assertEquals("\"q\\\" b\\\\ \\n\\r\\t\\b\\f \\u0001 \\u007f \\u00e9 \\u2028 \\ud83d\\ude00 ~\"", written);
  }

  @Test
  void jsonValidityFollowsPythonJsonLoads() {
    for (String ok : List.of("0", "-0.0e+0", "[]", "{}", " {\"a\": [1, {\"b\": null}]} ", "NaN", "-Infinity",
        "\"\\u00E9\"", "1E400", "[true,false]")) {
      assertTrue(PyJson.isValid(ok), ok);
    }
    for (String bad : List.of("", " ", "01", "+1", ".5", "1.", "[1,]", "{\"a\":1,}", "{a: 1}", "'a'", "\"a\nb\"",
        "\"\\a\"", "-NaN", "nan", "Infinity1", "[1] 2", "\u00a0[]", "[", "\"abc")) {
      assertFalse(PyJson.isValid(bad), bad);
    }
    assertTrue(PyJson.isValid("[".repeat(PyJson.MAX_DEPTH) + "]".repeat(PyJson.MAX_DEPTH)));
    assertFalse(PyJson.isValid("[".repeat(PyJson.MAX_DEPTH + 1) + "]".repeat(PyJson.MAX_DEPTH + 1)));
    assertTrue(PyJson.isValid("-" + "9".repeat(4300)));
    assertFalse(PyJson.isValid("-" + "9".repeat(4301)), "Python 3.11 int digit limit");
  }
}
