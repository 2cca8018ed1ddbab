package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Python character predicates of {@link PythonUnicode} against Python 3.11's own, over all 1,114,112 code points
 * (text/unicode_tables.json.gz). They may differ only on code points that one side's Unicode version has not assigned:
 * Python 3.11 has Unicode 14.0, Java 17 Unicode 13.0, so on Java 17 the characters new in 14.0 differ (\w: 525 code
 * points, e.g. Vithkuqi U+10570.., Znamenny U+1CF00..; isupper: 40; islower: 127; \d: the 10 Tangsa digits
 * U+16AC0..U+16AC9; \s: none). Any difference on a code point both sides know fails.
 */
class UnicodeTablesTest {
  private static final JsonNode TABLES = GoldenCases.readGzipJson("/text/unicode_tables.json.gz");
  private static final BitSet PYTHON_ASSIGNED = ranges("assigned");

  @Test
  void wordCharactersAreLettersNumbersAndUnderscore() {
    assertSameAsPython("re_word", PythonUnicode::isWordChar);
    assertSameAsPython("re_word", regex(PythonUnicode.WORD));
    assertSameAsPython("re_word", regex(complement(PythonUnicode.WORD)).negate());
  }

  @Test
  void whitespaceIsStrIsspace() {
    assertSameAsPython("re_space", PythonUnicode::isSpace);
    assertSameAsPython("re_space", regex(PythonUnicode.SPACE));
    assertSameAsPython("re_space", regex(PythonUnicode.NOT_SPACE).negate());
  }

  @Test
  void digitsAreDecimalNumbers() {
    assertSameAsPython("re_digit", regex(PythonUnicode.DIGIT));
  }

  @Test
  void caseOfOneCharacterMatchesStrIsupperAndIslower() {
    assertSameAsPython("str_isupper", PythonUnicode::isUpper);
    assertSameAsPython("str_islower", PythonUnicode::isLower);
  }

  @Test
  void tablesComeFromTheReferencePython() {
    assertEquals("14.0.0", TABLES.get("unicodedata").asText());
    assertTrue(TABLES.get("python").asText().startsWith("3.11."));
  }

  private static void assertSameAsPython(String table, IntPredicate java) {
    BitSet python = ranges(table);
    StringBuilder unexplained = new StringBuilder();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (python.get(cp) == java.test(cp)) continue;
      boolean knownToBoth = PYTHON_ASSIGNED.get(cp) && Character.getType(cp) != Character.UNASSIGNED;
      if (knownToBoth && unexplained.length() < 400) unexplained.append(String.format(" U+%04X", cp));
    }
    assertTrue(unexplained.isEmpty(), table + " differs on code points both Unicode versions assign:" + unexplained);
  }

  static BitSet ranges(String table) {
    BitSet set = new BitSet(Character.MAX_CODE_POINT + 1);
    for (JsonNode range : TABLES.get(table)) set.set(range.get(0).asInt(), range.get(1).asInt() + 1);
    return set;
  }

  /** [^...] of a [...] class. */
  private static String complement(String characterClass) {
    return "[^" + characterClass.substring(1);
  }

  private static IntPredicate regex(String characterClass) {
    Pattern pattern = Pattern.compile(characterClass);
    return cp -> pattern.matcher(new String(Character.toChars(cp))).matches();
  }
}
