package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyRegex;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The three CSV tasks, read with Python's csv module ({@link PyCsv}). Where the reference's csv.reader raises (a "\r"
 * inside an unquoted field) or it indexes an empty field, the reference crashes; here the check fails.
 */
enum CsvTables implements Instruction {
  /** {@code custom:csv_city}: a header ID,Country,City,Year,Count and 7 rows of 5 fields. */
  CITY {
    @Override
    boolean check(String response) {
      List<List<String>> rows = PyCsv.read(response, ',');
      return rows.size() == 8 && rows.get(0).equals(List.of("ID", "Country", "City", "Year", "Count"))
          && rows.stream().skip(1).allMatch(row -> row.size() == 5);
    }
  },
  /**
   * {@code custom:csv_special_character}: a ProductID,Category,Brand,Price,Stock header line (names optionally
   * quoted), then, with every '"' tripled as the reference does, 14 rows of 5 fields where some field, scanning rows
   * in order up to the first one that is not 5 fields long, is a quoted text holding a character that is neither a
   * word character nor a space.
   */
  SPECIAL_CHARACTER {
    private final Pattern header = Pattern.compile(
        "(ProductID|\"ProductID\"),[ \t]*(Category|\"Category\"),[ \t]*(Brand|\"Brand\"),[ \t]*(Price|\"Price\"),"
            + "[ \t]*(Stock|\"Stock\")");

    @Override
    boolean check(String response) {
      if (!header.matcher(firstLine(response)).matches()) return false;
      List<List<String>> rows = PyCsv.read(response.replace("\"", "\"\"\""), ',');
      if (rows.size() != 15) return false;
      for (List<String> row : rows.subList(1, rows.size())) {
        if (row.size() != 5) return false;
        if (row.stream().anyMatch(CsvTables::quotedWithSpecialCharacter)) return true;
      }
      return false;
    }
  },
  /**
   * {@code custom:csv_quotes}: a tab-separated StudentID, Subject, Grade, Semester, Score header line (names optionally
   * quoted), then, with every '"' tripled, 4 rows of 5 tab-separated fields that all start and end with '"' once
   * stripped.
   */
  QUOTES {
    private final Pattern header = Pattern.compile(
        "(StudentID|\"StudentID\")\t *(Subject|\"Subject\")\t *(Grade|\"Grade\")\t *(Semester|\"Semester\")"
            + "\t *(Score|\"Score\")");

    @Override
    boolean check(String response) {
      if (!header.matcher(firstLine(response)).matches()) return false;
      List<List<String>> rows = PyCsv.read(response.replace("\"", "\"\"\""), '\t');
      return rows.size() == 4 && rows.stream().allMatch(row -> row.size() == 5 && row.stream().allMatch(field -> {
        String stripped = PythonUnicode.strip(field);
        return stripped.startsWith("\"") && stripped.endsWith("\"");
      }));
    }
  };

  abstract boolean check(String response);

  private static final Pattern SPECIAL = Pattern.compile("[^" + PyRegex.WORD_MEMBERS + PyRegex.SPACE_MEMBERS + "]");

  /**
   * The reference's {@code re.match(r'".*[^\w\s].*"', field)} in linear time (the regex backtracks quadratically on a
   * long field): on the field's first line ('.' stops at a newline), an opening '"', then a character that is neither
   * a word character nor a space, then a later '"'.
   */
  static boolean quotedWithSpecialCharacter(String field) {
    int newline = field.indexOf('\n');
    String line = newline < 0 ? field : field.substring(0, newline);
    if (!line.startsWith("\"")) return false;
    int lastQuote = line.lastIndexOf('"');
    return lastQuote > 1 && SPECIAL.matcher(line).region(1, lastQuote).find();
  }

  @Override
  public boolean isFollowedBy(String response) {
    try {
      return check(response);
    } catch (PyCsv.Error e) {
      return false;
    }
  }

  /** {@code value.split('\n')[0].strip()}. */
  private static String firstLine(String response) {
    return PythonUnicode.strip(PyStrings.split(response, "\n").get(0));
  }
}
