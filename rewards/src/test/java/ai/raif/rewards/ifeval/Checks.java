package ai.raif.rewards.ifeval;

import ai.raif.rewards.Constraint;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds constraints from alternating kwarg names and values, and checks them. */
final class Checks {
  static final IfevalChecker CHECKER = new IfevalChecker();

  private Checks() {}

  static Constraint constraint(String id, Object... kwargs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kwargs.length; i += 2) map.put((String) kwargs[i], kwargs[i + 1]);
    return new Constraint(id, map);
  }

  /** The reference's check_following alone: no blank-response rule, no loose variants. */
  static boolean follows(String id, String response, Object... kwargs) {
    return CHECKER.bind(constraint(id, kwargs)).isFollowedBy(response);
  }

  static boolean strict(String id, String response, Object... kwargs) {
    return CHECKER.check(constraint(id, kwargs), "", response);
  }

  static boolean loose(String id, String response, Object... kwargs) {
    return CHECKER.checkLoose(constraint(id, kwargs), "", response);
  }
}
