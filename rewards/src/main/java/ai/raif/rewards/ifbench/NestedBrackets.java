package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code format:parentheses}: brackets ( [ { nested at least 5 deep, with a closing bracket matching its opener after
 * that depth was reached; a mismatched closer forgets everything seen so far.
 */
enum NestedBrackets implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    Deque<Character> open = new ArrayDeque<>();
    int maxDepth = 0;
    for (int i = 0; i < response.length(); i++) {
      char c = response.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        open.push(c);
        maxDepth = Math.max(maxDepth, open.size());
      } else if (c == ')' || c == ']' || c == '}') {
        if (!open.isEmpty() && open.peek() == opener(c)) {
          open.pop();
          if (maxDepth >= 5 && open.size() < maxDepth) return true;
        } else {
          open.clear();
          maxDepth = 0;
        }
      }
    }
    return false;
  }

  private static char opener(char closer) {
    return closer == ')' ? '(' : closer == ']' ? '[' : '{';
  }
}
