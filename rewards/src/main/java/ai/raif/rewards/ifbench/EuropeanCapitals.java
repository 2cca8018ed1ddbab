package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code custom:european_capitals_sort}: folded to ASCII, the comma-separated non-blank items are exactly the 27
 * capitals north of 45° in the reference's order (by latitude, north first).
 */
enum EuropeanCapitals implements Instruction {
  INSTANCE;

  private static final List<String> ORDER = List.of("Reykjavik", "Helsinki", "Oslo", "Tallinn", "Stockholm", "Riga",
      "Moscow", "Copenhagen", "Vilnius", "Minsk", "Dublin", "Berlin", "Amsterdam", "Warsaw", "London", "Brussels",
      "Prague", "Luxembourg", "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chisinau", "Bern", "Ljubljana",
      "Zagreb");

  @Override
  public boolean isFollowedBy(String response) {
    List<String> capitals = PyStrings.split(Py.asciiFold(response), ",").stream()
        .filter(c -> !PyStrings.isBlank(c)).map(PythonUnicode::strip).toList();
    return capitals.equals(ORDER);
  }
}
