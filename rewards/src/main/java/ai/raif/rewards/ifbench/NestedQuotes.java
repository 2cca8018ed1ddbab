package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code format:quotes}: quotes nested at least 3 deep. A quote equal to the innermost open one closes it, any other
 * " or ' opens a level (so apostrophes open levels too); it passes once a close leaves 3 levels below the deepest.
 */
enum NestedQuotes implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    Deque<Character> open = new ArrayDeque<>();
    int deepest = 0;
    for (int i = 0; i < response.length(); i++) {
      char c = response.charAt(i);
      if (!open.isEmpty() && c == open.peek()) {
        open.pop();
        if (deepest - open.size() >= 3) return true;
      } else if (c == '"' || c == '\'') {
        open.push(c);
        deepest = Math.max(deepest, open.size());
      }
    }
    return false;
  }
}
