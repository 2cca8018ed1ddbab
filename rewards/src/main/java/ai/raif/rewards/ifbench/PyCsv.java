package ai.raif.rewards.ifbench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code list(csv.reader(io.StringIO(text), delimiter=d))} of CPython 3.11: the default dialect (quote '"', doubled
 * quotes, no escape character, not strict). Lines end at "\n" only and keep it, as StringIO iterates them; an empty
 * line is the row []; quoted fields span lines; a quote inside an unquoted field is kept; text after a closing quote
 * joins the field.
 */
final class PyCsv {
  /** csv.Error: a "\r" followed by more text outside quotes, or a field over the field size limit. */
  static final class Error extends RuntimeException {
    Error(String message) {
      super(message);
    }
  }

  private static final int FIELD_LIMIT = 131_072; // csv.field_size_limit()
  private static final int EOL = -1; // the end of each line, after its "\n" if it has one

  private enum State { START_RECORD, START_FIELD, IN_FIELD, IN_QUOTED_FIELD, QUOTE_IN_QUOTED_FIELD, EAT_CRNL }

  private final char delimiter;
  private final List<List<String>> rows = new ArrayList<>();
  private List<String> fields = new ArrayList<>();
  private final StringBuilder field = new StringBuilder();
  private State state = State.START_RECORD;

  private PyCsv(char delimiter) {
    this.delimiter = delimiter;
  }

  /** @throws Error where Python raises csv.Error */
  static List<List<String>> read(String text, char delimiter) {
    PyCsv reader = new PyCsv(delimiter);
    for (int start = 0; start < text.length(); ) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline + 1;
      for (int i = start; i < end; i++) reader.process(text.charAt(i));
      reader.process(EOL);
      if (reader.state == State.START_RECORD) reader.endRecord();
      start = end;
    }
    if (reader.state == State.IN_QUOTED_FIELD) { // the input ends inside quotes: the field so far ends the row
      reader.saveField();
      reader.endRecord();
    }
    return reader.rows;
  }

  private void process(int c) {
    switch (state) {
      case START_RECORD -> {
        if (c == EOL) return; // an empty line: the row []
        if (c == '\n' || c == '\r') {
          state = State.EAT_CRNL;
          return;
        }
        state = State.START_FIELD;
        startField(c);
      }
      case START_FIELD -> startField(c);
      case IN_FIELD -> {
        if (c == '\n' || c == '\r' || c == EOL) {
          saveField();
          state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
        } else if (c == delimiter) {
          saveField();
          state = State.START_FIELD;
        } else {
          add(c);
        }
      }
      case IN_QUOTED_FIELD -> {
        if (c == '"') state = State.QUOTE_IN_QUOTED_FIELD;
        else if (c != EOL) add(c);
      }
      case QUOTE_IN_QUOTED_FIELD -> {
        if (c == '"') {
          add(c);
          state = State.IN_QUOTED_FIELD;
        } else if (c == delimiter) {
          saveField();
          state = State.START_FIELD;
        } else if (c == '\n' || c == '\r' || c == EOL) {
          saveField();
          state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
        } else {
          add(c);
          state = State.IN_FIELD;
        }
      }
      case EAT_CRNL -> {
        if (c == EOL) state = State.START_RECORD;
        else if (c != '\n' && c != '\r') throw new Error("new-line character seen in unquoted field");
      }
    }
  }

  private void startField(int c) {
    if (c == '\n' || c == '\r' || c == EOL) {
      saveField();
      state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
    } else if (c == '"') {
      state = State.IN_QUOTED_FIELD;
    } else if (c == delimiter) {
      saveField();
    } else {
      add(c);
      state = State.IN_FIELD;
    }
  }

  private void add(int c) {
    if (field.length() >= FIELD_LIMIT) throw new Error("field larger than field limit (" + FIELD_LIMIT + ")");
    field.append((char) c);
  }

  private void saveField() {
    fields.add(field.toString());
    field.setLength(0);
  }

  private void endRecord() {
    rows.add(fields);
    fields = new ArrayList<>();
  }
}
