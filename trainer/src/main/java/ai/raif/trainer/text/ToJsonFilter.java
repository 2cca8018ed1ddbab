package ai.raif.trainer.text;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

import java.util.List;
import java.util.Map;

/**
 * HF's {@code tojson} filter: {@code json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)},
 * with those parameters accepted by position or name. Jinjava's own tojson uses Jackson's compact formatting.
 */
final class ToJsonFilter implements Filter {

    private static final List<String> PARAMETERS = List.of("ensure_ascii", "indent", "separators", "sort_keys");

    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        return filter(value, interpreter, args, Map.of());
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object[] slots = new Object[PARAMETERS.size()];
        if (args.length > slots.length) {
            throw new ChatTemplateException("tojson takes at most " + slots.length + " arguments, got " + args.length);
        }
        System.arraycopy(args, 0, slots, 0, args.length);
        kwargs.forEach((name, argument) -> {
            int slot = PARAMETERS.indexOf(name);
            if (slot < 0) {
                throw new ChatTemplateException("tojson has no parameter '" + name + "' (it takes " + PARAMETERS + ")");
            }
            slots[slot] = argument;
        });
        String itemSeparator = null;
        String keySeparator = null;
        if (slots[2] instanceof List<?> separators && separators.size() == 2) {
            itemSeparator = String.valueOf(separators.get(0));
            keySeparator = String.valueOf(separators.get(1));
        } else if (slots[2] != null) {
            throw new ChatTemplateException("tojson separators must be a pair of strings, got " + slots[2]);
        }
        PythonJson.Options options = new PythonJson.Options(
                flag("ensure_ascii", slots[0]), indent(slots[1]), itemSeparator, keySeparator, flag("sort_keys", slots[3]));
        return PythonJson.dumps(value, options);
    }

    private static boolean flag(String name, Object value) {
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw new ChatTemplateException("tojson " + name + " must be true or false, got " + value);
    }

    private static Integer indent(Object indent) {
        if (indent == null) {
            return null;
        }
        if (indent instanceof Number number) {
            return number.intValue();
        }
        throw new ChatTemplateException("tojson indent must be an integer, got " + indent);
    }
}
