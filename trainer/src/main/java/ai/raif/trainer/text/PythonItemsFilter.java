package ai.raif.trainer.text;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jinja2's {@code items} filter ({@code for k, v in d | items}): a mapping's entries; Jinjava has none and yields nothing. */
final class PythonItemsFilter implements Filter {

    @Override
    public String getName() {
        return "items";
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ChatTemplateException("items filter: expected a mapping, got " + value.getClass().getSimpleName());
        }
        return new ArrayList<>(map.entrySet());
    }
}
