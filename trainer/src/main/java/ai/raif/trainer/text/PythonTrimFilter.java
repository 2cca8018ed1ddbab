package ai.raif.trainer.text;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/** Jinja2's {@code trim(chars=None)}, which is Python's {@code str.strip}; Jinjava's trims only ASCII control and space. */
final class PythonTrimFilter implements Filter {

    @Override
    public String getName() {
        return "trim";
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        if (value == null) {
            return "";
        }
        return PythonStrings.strip(value.toString(), args.length > 0 ? args[0] : null);
    }
}
