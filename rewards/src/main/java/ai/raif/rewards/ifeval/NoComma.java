package ai.raif.rewards.ifeval;

import java.util.List;

/** {@code punctuation:no_comma}: no ASCII comma (a full-width "，" is allowed). */
record NoComma() implements Instruction {
  static final List<String> KWARGS = List.of();

  @Override
  public boolean isFollowedBy(String response) {
    return response.indexOf(',') < 0;
  }
}
