package ai.raif.trainer.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps} as HF's {@code tojson} filter calls it: {@code ", "} / {@code ": "} separators (or
 * {@code ","} with an indent), keys in insertion order unless sorted, floats written like Python's {@code repr}, and
 * non-ASCII characters kept unless {@code ensureAscii}. Templates put this text straight into prompts, so the bytes
 * must match what the model was trained on.
 */
final class PythonJson {

    /** {@code itemSeparator}/{@code keySeparator} null means Python's default for the indent. */
    record Options(boolean ensureAscii, Integer indent, String itemSeparator, String keySeparator, boolean sortKeys) {

        static final Options HF_DEFAULT = new Options(false, null, null, null, false);

        String items() {
            return itemSeparator != null ? itemSeparator : indent == null ? ", " : ",";
        }

        String keys() {
            return keySeparator != null ? keySeparator : ": ";
        }
    }

    private PythonJson() {}

    static String dumps(Object value, Options options) {
        StringBuilder out = new StringBuilder();
        write(value, options, 0, out);
        return out.toString();
    }

    private static void write(Object value, Options options, int depth, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean flag) {
            out.append(flag ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Number number) {
            out.append(floatRepr(number.doubleValue()));
        } else if (value instanceof CharSequence || value instanceof Character) {
            quote(value.toString(), options.ensureAscii(), out);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, options, depth, out);
        } else if (value instanceof Collection<?> collection) {
            writeArray(collection, options, depth, out);
        } else if (value instanceof Object[] array) {
            writeArray(List.of(array), options, depth, out);
        } else {
            throw new ChatTemplateException("tojson: cannot serialise a " + value.getClass().getSimpleName() + " (" + value + ")");
        }
    }

    private static void writeObject(Map<?, ?> map, Options options, int depth, StringBuilder out) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        map.forEach((key, item) -> entries.add(new AbstractMap.SimpleImmutableEntry<>(keyText(key), item)));
        if (options.sortKeys()) {
            entries.sort(Map.Entry.comparingByKey());
        }
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            separate(i, options, depth + 1, out);
            quote(entries.get(i).getKey(), options.ensureAscii(), out);
            out.append(options.keys());
            write(entries.get(i).getValue(), options, depth + 1, out);
        }
        close('}', options, depth, out);
    }

    private static void writeArray(Collection<?> items, Options options, int depth, StringBuilder out) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        int i = 0;
        for (Object item : items) {
            separate(i++, options, depth + 1, out);
            write(item, options, depth + 1, out);
        }
        close(']', options, depth, out);
    }

    private static void separate(int index, Options options, int depth, StringBuilder out) {
        if (index > 0) {
            out.append(options.items());
        }
        if (options.indent() != null) {
            out.append('\n').append(" ".repeat(options.indent() * depth));
        }
    }

    private static void close(char bracket, Options options, int depth, StringBuilder out) {
        if (options.indent() != null) {
            out.append('\n').append(" ".repeat(options.indent() * depth));
        }
        out.append(bracket);
    }

    /** Python turns bool / None / number keys into their JSON spelling. */
    private static String keyText(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean flag) {
            return flag ? "true" : "false";
        }
        if (key instanceof Double || key instanceof Float) {
            return floatRepr(((Number) key).doubleValue());
        }
        return key.toString();
    }

    private static void quote(String text, boolean ensureAscii, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7E)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as the same double, positional for exponents
     * -4 to 15 (with ".0" when whole), scientific otherwise ("1e-07", "1.5e+16").
     */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = null;
        for (int precision = 1; precision <= 17; precision++) {
            shortest = new BigDecimal(value).round(new MathContext(precision));
            if (shortest.doubleValue() == value) {
                break;
            }
        }
        BigDecimal normalized = shortest.stripTrailingZeros();
        String digits = normalized.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - normalized.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = normalized.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
