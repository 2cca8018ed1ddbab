package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;

/**
 * {@code count:punctuation}: an interrobang ("?!", "!?" or "‽"), and each of . , ! ? ; : somewhere outside the first
 * "?!" (or, without one, the first "!?").
 */
enum PunctuationCover implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    if (!(response.contains("!?") || response.contains("?!") || response.contains("‽"))) return false;
    String rest = removeFirst(response, "?!");
    if (rest.length() == response.length()) rest = removeFirst(response, "!?");
    for (char mark : ".,!?;:".toCharArray()) {
      if (rest.indexOf(mark) < 0) return false;
    }
    return true;
  }

  private static String removeFirst(String s, String part) {
    int at = s.indexOf(part);
    return at < 0 ? s : s.substring(0, at) + s.substring(at + part.length());
  }
}
