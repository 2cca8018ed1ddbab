package ai.raif.trainer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python behaviours the template helpers reproduce; expected values are what CPython 3 prints for the same calls. */
class PythonSemanticsTest {

    @ParameterizedTest
    @CsvSource({
        "0.30000000000000004, 0.30000000000000004",
        "1e16,                1e+16",
        "1e15,                1000000000000000.0",
        "123.456,             123.456",
        "-0.0001,             -0.0001",
        "0.00001,             1e-05",
        "1.5e300,             1.5e+300",
        "5e-324,              5e-324",
        "2.0,                 2.0",
        "0.3333333333333333,  0.3333333333333333",
        "1e22,                1e+22",
        "9007199254740993.0,  9007199254740992.0",
        "-0.0,                -0.0",
    })
    void writesFloatsLikePythonRepr(double value, String python) {
        assertEquals(python, PythonJson.floatRepr(value));
    }

    @Test
    void indentsAndEscapesLikeJsonDumps() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of(1, inner));
        value.put("e", List.of());
        value.put("z", Map.of());
        assertEquals("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"e\": [],\n  \"z\": {}\n}",
                PythonJson.dumps(value, new PythonJson.Options(false, 2, null, null, false)));
        String awkward = "\u007f\u0001\u2028\u00e9\uD83D\uDE00";
        assertEquals("\"\\u007f\\u0001\\u2028\\u00e9\\ud83d\\ude00\"",
                PythonJson.dumps(awkward, new PythonJson.Options(true, null, null, null, false)));
        assertEquals("\"\u007f\\u0001\u2028\u00e9\uD83D\uDE00\"", PythonJson.dumps(awkward, PythonJson.Options.HF_DEFAULT));
        Map<String, Object> compact = new LinkedHashMap<>();
        compact.put("a", 1);
        compact.put("b", List.of(1, 2));
        assertEquals("{\"a\":1,\"b\":[1,2]}", PythonJson.dumps(compact, new PythonJson.Options(false, null, ",", ":", false)));
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThrows(ChatTemplateException.class, () -> PythonJson.dumps(new Object(), PythonJson.Options.HF_DEFAULT));
    }

    @Test
    void splitsLikePython() {
        assertEquals(List.of("a", "b  c"), PythonStrings.split("a b  c", null, 1));
        assertEquals(List.of("a", "b "), PythonStrings.split(" a b ", null, 1));
        assertEquals(List.of("a", "", "b"), PythonStrings.split("a,,b", ",", -1));
        assertEquals(new ArrayList<String>(), PythonStrings.split("  ", null, -1));
        assertEquals(List.of("a", "b", "c"), PythonStrings.split("a\u00a0b\u2003c", null, -1));
        assertEquals(List.of("x"), PythonStrings.split("x", " ", 0));
        assertThrows(ChatTemplateException.class, () -> PythonStrings.split("x", "", -1));
    }

    @Test
    void stripsAndCasesLikePython() {
        assertEquals("a", PythonStrings.strip("\u00a0 a \u3000", null));
        assertEquals("a", PythonStrings.strip("xxaxx", "x"));
        assertEquals("\u01c5ungla \u01c5x 2Nd O'Neil", PythonStrings.title("\u01c6ungla \u01c5x 2nd o'neil"));
        assertEquals("SS", PythonStrings.upper("\u00df"));
        assertEquals("a-b-c", PythonStrings.replace("a b c", " ", "-", -1));
        assertEquals("a-b c", PythonStrings.replace("a b c", " ", "-", 1));
    }
}
