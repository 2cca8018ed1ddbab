package ai.raif.rewards.composition;

import java.util.Locale;

/**
 * ComplexBench's composition types. {@code AND}: all sub-instructions apply at once. {@code CHAIN}: sequential
 * sub-tasks, each step's output feeding the next; every step applies. {@code SELECTION}: mutually exclusive branches,
 * of which the input activates only some, so the label marks which steps are active.
 */
public enum Composition {
  AND,
  CHAIN,
  SELECTION;

  public static Composition parse(String name) {
    for (Composition c : values()) {
      if (c.name().equalsIgnoreCase(name == null ? "" : name.strip())) return c;
    }
    throw new IllegalArgumentException("composition '" + name + "': expected one of and, chain, selection");
  }

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
