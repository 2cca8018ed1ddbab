package ai.raif.rewards.ifeval;

/**
 * JSON text exactly as Python's {@code json.dumps} writes it with default arguments: {@code ", "} and {@code ": "}
 * separators and {@code ensure_ascii}. Everything outside space..{@code ~} is escaped as a lower-case
 * four-hex-digit unicode escape (characters beyond the BMP as their surrogate pair), except the short escapes for
 * quote, backslash, \b \f \n \r \t.
 */
final class PyJsonWriter {
  private final StringBuilder out = new StringBuilder();
  private boolean firstMember = true;

  PyJsonWriter beginObject() {
    out.append('{');
    firstMember = true;
    return this;
  }

  PyJsonWriter endObject() {
    out.append('}');
    return this;
  }

  PyJsonWriter name(String name) {
    if (!firstMember) out.append(", ");
    firstMember = false;
    string(name);
    out.append(": ");
    return this;
  }

  PyJsonWriter value(boolean b) {
    out.append(b ? "true" : "false");
    return this;
  }

  PyJsonWriter value(String s) {
    string(s);
    return this;
  }

  PyJsonWriter booleans(Iterable<Boolean> values) {
    out.append('[');
    String sep = "";
    for (boolean b : values) {
      out.append(sep).append(b ? "true" : "false");
      sep = ", ";
    }
    out.append(']');
    return this;
  }

  PyJsonWriter strings(Iterable<String> values) {
    out.append('[');
    String sep = "";
    for (String s : values) {
      out.append(sep);
      string(s);
      sep = ", ";
    }
    out.append(']');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else {
            String hex = Integer.toHexString(c);
            out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
          }
        }
      }
    }
    out.append('"');
  }
}
