package ai.raif.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.raif.trainer.grpo.AdamW;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming needs no more heap than training: a trainer state whose moments are far larger than the heap restores in
 * a JVM with {@code -Xmx48m} (where a training step also runs), because weights and moments go from the file
 * mappings straight into native memory. Before, the moments were copied onto the heap: OutOfMemoryError.
 */
class TrainerStateHeapTest {
  /** 16M floats: one parameter of 64 MB, so each moment alone is larger than the child's whole heap. */
  static final long[][] SHAPES = {{4096, 4096}, {8}};

  @Test
  void aStateLargerThanTheHeapRestoresUnderASmallXmx(@TempDir Path dir) throws Exception {
    String expected;
    try (NDManager m = NDManager.newBaseManager()) {
      List<NDArray> params = params(m);
      for (NDArray p : params) p.setRequiresGradient(true);
      try (AdamW opt = new AdamW(params, AdamW.Config.defaults(), m)) {
        step(opt, params);
        TrainerState.save(dir, params, opt, new TrainerState.Progress("run", 2, 1, 3, 7, 42));
        expected = sums(params, opt);
      }
    }
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx48m", "-Dai.djl.offline=true", "-cp", System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")), Child.class.getName(), dir.toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!child.waitFor(120, TimeUnit.SECONDS)) child.destroyForcibly();
    assertEquals(0, child.exitValue(), out);
    assertEquals(expected, out.lines().filter(l -> l.startsWith("sums ")).findFirst().orElse(out));
    assertEquals("stepped to 2", out.lines().filter(l -> l.startsWith("stepped")).findFirst().orElse(out));
  }

  /** One optimizer step on a loss that touches every parameter. */
  static void step(AdamW opt, List<NDArray> params) {
    try (NDManager s = params.get(0).getManager().newSubManager();
         GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray a = params.get(0);
      NDArray loss = a.square().sum().add(params.get(1).mul(s.create(3f)).sum());
      gc.backward(loss);
    }
    opt.step(1e-3);
    opt.zeroGradients();
  }

  static List<NDArray> params(NDManager m) {
    List<NDArray> params = new ArrayList<>();
    for (int i = 0; i < SHAPES.length; i++) {
      params.add(m.randomUniform(-1, 1, new Shape(SHAPES[i])).mul(i + 1));
    }
    return params;
  }

  /** The arrays' sums (parameters, then first and second moments), and the step counts. */
  static String sums(List<NDArray> params, AdamW opt) {
    StringBuilder s = new StringBuilder("sums");
    for (List<NDArray> arrays : List.of(params, opt.firstMoments(), opt.secondMoments())) {
      for (NDArray a : arrays) s.append(String.format(Locale.ROOT, " %.6e", a.sum().getFloat()));
    }
    return s.append(" steps ").append(opt.steps()).toString();
  }

  /** Restores the state into zeroed arrays of the same shapes and prints {@link #sums}. */
  public static final class Child {
    public static void main(String[] args) throws IOException {
      try (NDManager m = NDManager.newBaseManager()) {
        List<NDArray> params = new ArrayList<>();
        for (long[] shape : SHAPES) params.add(m.zeros(new Shape(shape)));
        try (AdamW opt = new AdamW(params, AdamW.Config.defaults(), m)) {
          TrainerState.Progress p = TrainerState.restore(Path.of(args[0]), params, opt).orElseThrow();
          System.out.println("restored iteration " + p.iteration() + " step " + p.stepsDone());
          System.out.println(sums(params, opt));
          for (NDArray param : params) param.setRequiresGradient(true);
          step(opt, params);  // and training goes on in the same heap
          System.out.println("stepped to " + opt.steps());
        }
      }
    }
  }
}
