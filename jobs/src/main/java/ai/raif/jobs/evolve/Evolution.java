package ai.raif.jobs.evolve;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.JsonlLines;
import ai.raif.jobs.pipeline.PipelineMetrics;
import ai.raif.jobs.pipeline.RaifTables;
import ai.raif.rewards.evolve.EvolveSettings;
import ai.raif.rewards.evolve.Evolver;
import ai.raif.rewards.evolve.Outcome;
import ai.raif.rewards.evolve.SeedInstruction;
import ai.raif.trainer.checkpoint.CheckpointFiles;
import ai.raif.udfs.evolve.TeacherSpec;
import ai.raif.udfs.rollout.ReasoningPrompt;
import ai.raif.udfs.storage.LocalCopies;
import ai.raif.udfs.storage.SharedFiles;
import ai.raif.udfs.storage.StorageRoot;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code raif evolve} as a Spark job: seed lines are evolved in parallel (each prompt is a pure function of its seed
 * line and the settings, so partitioning changes nothing), then the kept prompts are written in seed-line order to
 * one JSONL file the pipeline reads as {@code prompts.source} (in one pass on the driver, which also counts), and the
 * drops and bad seed lines, with their reasons, to a rejects file beside it. Counts per outcome and reason go to the log and to {@code pipeline_metrics} (stage
 * {@code evolve}, iteration 0). A bad seed line or a failure on one seed becomes an error row, never a failed job.
 */
public final class Evolution {
  public static final String SEEDS_RESOURCE = "/ai/raif/jobs/evolve/seeds.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int LINE = EvolveRows.SCHEMA.fieldIndex("line");
  private static final int SEED_ID = EvolveRows.SCHEMA.fieldIndex("seed_id");
  private static final int PROMPT_ID = EvolveRows.SCHEMA.fieldIndex("prompt_id");
  private static final int STATUS = EvolveRows.SCHEMA.fieldIndex("status");
  private static final int COMPOSITION = EvolveRows.SCHEMA.fieldIndex("composition");
  private static final int SOURCE = EvolveRows.SCHEMA.fieldIndex("source");
  private static final int REASON = EvolveRows.SCHEMA.fieldIndex("reason");
  private static final int DETAIL = EvolveRows.SCHEMA.fieldIndex("detail");
  private static final int FAILED_IDS = EvolveRows.SCHEMA.fieldIndex("failed_ids");
  private static final int NOTES = EvolveRows.SCHEMA.fieldIndex("notes");
  private static final int PROMPT_JSON = EvolveRows.SCHEMA.fieldIndex("prompt_json");

  /** What a run produced: its counts, where the two files went and the first few seed errors. */
  public record Result(PipelineMetrics metrics, String prompts, long written, String rejects, List<String> errors) {}

  private Evolution() {}

  public static Result run(SparkSession spark, RaifConfig config) {
    RaifConfig.Evolve e = config.evolve();
    EvolveSettings settings = settings(e);
    TeacherSpec teacher = e.teacherUrl().isBlank() ? null : new TeacherSpec(e.teacherUrl(), e.teacherModel(),
        e.teacherApiKeyEnv(), e.teacherTimeoutS(), e.teacherMaxRetries(), e.teacherMaxTokens());
    if (teacher != null) teacher.open(); // a bad URL or a missing key fails here, before any task starts
    JavaPairRDD<String, Long> lines = JsonlLines.read(spark, e.seeds(), "evolve.seeds", SEEDS_RESOURCE)
        .zipWithIndex().filter(t -> !t._1().isBlank());
    int partitions = e.partitions() > 0 ? e.partitions() : spark.sparkContext().defaultParallelism();
    JavaRDD<Row> rows = lines.repartition(partitions).mapPartitions(it -> evolve(it, settings, teacher));
    // persisted: the sort samples its input first, and with a teacher a recomputed partition would ask it again
    Dataset<Row> all = spark.createDataFrame(rows, EvolveRows.SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // a file on shared storage is written locally, then copied up whole
      boolean shared = StorageRoot.isUri(e.output());
      Path scratch = shared ? LocalCopies.scratchDirectory("evolve-") : null;
      Path prompts = shared ? scratch.resolve(new org.apache.hadoop.fs.Path(e.output()).getName())
          : Path.of(e.output());
      Path rejects = rejectsPath(prompts);
      Tally tally = new Tally();
      try (Output promptsOut = new Output(prompts); Output rejectsOut = new Output(rejects)) {
        Iterator<Row> it = all.orderBy("line", "variant").toLocalIterator();
        while (it.hasNext()) {
          Row r = tally.add(it.next());
          if (r.getString(STATUS).equals(EvolveRows.KEPT)) promptsOut.line(r.getString(PROMPT_JSON));
          else rejectsOut.line(rejectLine(r));
        }
        promptsOut.commit();
        rejectsOut.commit();
      }
      String promptsAt = prompts.toString();
      String rejectsAt = rejects.toString();
      if (shared) {
        promptsAt = StorageRoot.of(e.output()).location();
        rejectsAt = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(promptsAt).getParent(),
            rejects.getFileName().toString()).toString();
        SharedFiles.upload(prompts, promptsAt);
        SharedFiles.upload(rejects, rejectsAt);
        CheckpointFiles.deleteTree(scratch);
      }
      PipelineMetrics metrics = tally.metrics();
      metrics.write(spark, RaifTables.of(spark, config), config.run().id(), 0);
      return new Result(metrics, promptsAt, tally.kept, rejectsAt, tally.errors);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + e.output() + " or its rejects file: " + ex.getMessage(), ex);
    } finally {
      all.unpersist();
    }
  }

  /** The evolver's settings for an {@code evolve} config; expert responses are asked under RAIF's trigger. */
  public static EvolveSettings settings(RaifConfig.Evolve e) {
    return new EvolveSettings(e.seed(), e.variants(), e.minConstraints(), e.maxConstraints(), e.andWeight(),
        e.chainWeight(), e.selectionWeight(), e.evalShare(), e.complexShare(), ReasoningPrompt.SYSTEM_TRIGGER);
  }

  private static Iterator<Row> evolve(Iterator<Tuple2<String, Long>> it, EvolveSettings settings,
      TeacherSpec teacher) {
    Evolver evolver = new Evolver(settings, teacher == null ? null : teacher.open());
    List<Row> out = new ArrayList<>();
    while (it.hasNext()) {
      Tuple2<String, Long> t = it.next();
      long line = t._2() + 1;
      try {
        SeedInstruction seed = SeedInstruction.parse(t._1(), line);
        List<Outcome> outcomes = evolver.evolve(seed);
        for (int v = 0; v < outcomes.size(); v++) out.add(EvolveRows.outcome(line, seed.seedId(), v, outcomes.get(v)));
      } catch (RuntimeException ex) {
        // a bad line (or a seed that trips a bug) is an error row, so one line cannot fail the job
        String message = ex instanceof IllegalArgumentException ? ex.getMessage()
            : "line " + line + ": evolution failed: " + ex;
        out.add(EvolveRows.badSeed(line, message));
      }
    }
    return out.iterator();
  }

  /** A file written to a temporary sibling and moved into place once complete. */
  private static final class Output implements AutoCloseable {
    private final Path file;
    private final Path tmp;
    private final BufferedWriter writer;

    Output(Path file) throws IOException {
      this.file = file;
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      this.tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      this.writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
    }

    void line(String text) throws IOException {
      writer.write(text);
      writer.write('\n');
    }

    void commit() throws IOException {
      writer.close();
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
      writer.close();
      Files.deleteIfExists(tmp);
    }
  }

  private static String rejectLine(Row r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("line", r.getLong(LINE));
    n.put("seed_id", r.getString(SEED_ID));
    n.put("prompt_id", r.getString(PROMPT_ID));
    n.put("status", r.getString(STATUS));
    n.put("composition", r.getString(COMPOSITION));
    n.put("reason", r.getString(REASON));
    n.put("detail", r.getString(DETAIL));
    var failed = n.putArray("failed_ids");
    r.<String>getList(FAILED_IDS).forEach(failed::add);
    return n.toString();
  }

  /** {@code runs/evolved.jsonl} → {@code runs/evolved.rejects.jsonl}. */
  static Path rejectsPath(Path prompts) {
    String name = prompts.getFileName().toString();
    String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    return prompts.resolveSibling(stem + ".rejects.jsonl");
  }

  /**
   * Counts rows in (line, variant) order, and turns the later lines of a seed_id seen before into errors (a prompt_id
   * may occur only once): seeds, candidates, kept (by composition and source), drops and errors by reason, the ids
   * witnesses failed, and the notes of kept prompts.
   */
  private static final class Tally {
    final Map<String, Long> firstLine = new HashMap<>();
    final Set<Long> seedLines = new HashSet<>();
    final Set<Long> badLines = new HashSet<>();
    final Map<String, Long> counts = new TreeMap<>();
    final List<String> errors = new ArrayList<>();
    long kept;
    long dropped;

    Row add(Row r) {
      long line = r.getLong(LINE);
      String seedId = r.getString(SEED_ID);
      Long first = seedId == null ? null : firstLine.putIfAbsent(seedId, line);
      if (first != null && first != line) {
        r = EvolveRows.duplicate(line, seedId, first);
      }
      String status = r.getString(STATUS);
      switch (status) {
        case EvolveRows.KEPT -> {
          kept++;
          seedLines.add(line);
          count("kept." + r.getString(COMPOSITION));
          count("kept." + r.getString(SOURCE));
          r.<String>getList(NOTES).forEach(this::count);
        }
        case EvolveRows.DROPPED -> {
          dropped++;
          seedLines.add(line);
          count("dropped." + r.getString(REASON));
          r.<String>getList(FAILED_IDS).forEach(id -> count("unsatisfiable." + id));
        }
        default -> {
          count("errors." + r.getString(REASON));
          if (badLines.add(line) && errors.size() < 5) errors.add(r.getString(DETAIL));
        }
      }
      return r;
    }

    void count(String key) {
      counts.merge(key, 1L, Long::sum);
    }

    PipelineMetrics metrics() {
      PipelineMetrics m = new PipelineMetrics("evolve").put("seeds", seedLines.size())
          .put("seed_errors", badLines.size()).put("candidates", kept + dropped).put("kept", kept)
          .put("dropped", dropped);
      counts.forEach(m::put);
      return m;
    }
  }
}
