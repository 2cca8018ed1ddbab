package ai.raif.rewards.bench;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.ifeval.IfevalData;
import ai.raif.rewards.ifeval.IfevalInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reward-check workload: IFEval input rows, each with a response and its {@link ResponseVariant}s. The n-th row
 * of the input pairs with the n-th row of the responses, whatever the responses' prompts say (text_bison answers an
 * older wording of most prompts, which does not matter for checking).
 */
public record RewardsWorkload(List<BenchRow> rows, List<ResponseVariant> variants) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IfevalChecker CHECKER = new IfevalChecker();

  public RewardsWorkload {
    rows = List.copyOf(rows);
    variants = List.copyOf(variants);
  }

  /**
   * @param inputData IFEval's {@code input_data.jsonl}
   * @param responses JSONL rows with a {@code "response"} string, as many as input rows
   * @throws IllegalArgumentException for a missing file, a bad row, row counts that differ or an invalid constraint
   */
  public static RewardsWorkload load(Path inputData, Path responses, int variants) {
    for (Path file : List.of(inputData, responses)) {
      if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
    }
    List<IfevalInput> inputs = IfevalData.readInputs(inputData);
    List<String> answers = readResponses(responses);
    if (inputs.size() != answers.size()) {
      throw new IllegalArgumentException(inputData + " has " + inputs.size() + " rows but " + responses + " has "
          + answers.size() + "; the benchmark pairs them line by line");
    }
    return of(inputs, answers, ResponseVariant.first(variants), inputData.toString());
  }

  /**
   * @param source names the input in messages
   * @throws IllegalArgumentException for sizes that differ or a constraint the checker rejects (naming its key)
   */
  public static RewardsWorkload of(
      List<IfevalInput> inputs, List<String> responses, List<ResponseVariant> variants, String source) {
    if (inputs.size() != responses.size()) {
      throw new IllegalArgumentException(source + ": " + inputs.size() + " rows but " + responses.size() + " responses");
    }
    List<BenchRow> rows = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      IfevalInput input = inputs.get(i);
      List<Constraint> constraints = new ArrayList<>();
      for (int j = 0; j < input.instructionIds().size(); j++) {
        Constraint constraint = new Constraint(input.instructionIds().get(j), input.kwargs().get(j));
        try {
          CHECKER.bind(constraint); // fail here, not in the timed loop
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(source + ": row with key " + input.key() + ": " + e.getMessage(), e);
        }
        constraints.add(constraint);
      }
      String response = responses.get(i);
      rows.add(new BenchRow(input.key(), constraints, variants.stream().map(v -> v.apply(response)).toList()));
    }
    return new RewardsWorkload(rows, variants);
  }

  /** Checks in one pass: strict and loose, for every instruction of every row, for every variant. */
  public long checksPerPass() {
    return rows.stream().mapToLong(BenchRow::checks).sum();
  }

  private static List<String> readResponses(Path file) {
    List<String> responses = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) continue;
        String where = file + " line " + (i + 1);
        JsonNode row;
        try {
          row = JSON.readTree(lines.get(i));
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode response = row.get("response");
        if (response == null || !response.isTextual()) {
          throw new IllegalArgumentException(where + ": \"response\" must be a string");
        }
        responses.add(response.asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return responses;
  }
}
