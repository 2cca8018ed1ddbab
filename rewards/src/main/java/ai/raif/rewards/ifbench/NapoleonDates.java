package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyRegex;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.regex.Pattern;

/**
 * {@code custom:date_format_list}: comma-separated YYYY-MM-DD dates (any decimal digits) with a year from 1769 to
 * 1821, a month up to 12 and a day up to the month's length (29 for February); month and day 0 pass, as in the
 * reference.
 */
enum NapoleonDates implements Instruction {
  INSTANCE;

  private static final String D = PyRegex.DIGIT;
  private static final Pattern DATE = Pattern.compile(D + "{4}-" + D + "{2}-" + D + "{2}");

  @Override
  public boolean isFollowedBy(String response) {
    for (String item : PyStrings.split(PythonUnicode.strip(response), ",")) {
      String date = PythonUnicode.strip(item);
      if (!DATE.matcher(date).matches()) return false;
      int[] cps = date.codePoints().toArray(); // 4 digits, '-', 2 digits, '-', 2 digits
      int year = number(cps, 0, 4);
      int month = number(cps, 5, 7);
      int day = number(cps, 8, 10);
      if (year < 1769 || year > 1821 || month > 12) return false;
      if (day > switch (month) {
        case 4, 6, 9, 11 -> 30;
        case 2 -> 29;
        case 1, 3, 5, 7, 8, 10, 12 -> 31;
        default -> 99; // month 0: the reference checks no day
      }) return false;
    }
    return true;
  }

  /** Python's int() of decimal digits of any script. */
  private static int number(int[] cps, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) n = n * 10 + Character.digit(cps[i], 10);
    return n;
  }
}
