package ai.raif.trainer.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AdamW against the textbook equations in plain Java, clipping, state round trip, NaN handling and memory. */
class AdamWTest {
  static NDManager manager;

  @BeforeAll
  static void start() { manager = NDManager.newBaseManager(); }

  @AfterAll
  static void stop() { manager.close(); }

  static final Shape[] SHAPES = {new Shape(2, 3), new Shape(3)};
  static final double[][] INITIAL = {{0.5, -0.3, 0.8, 1.2, -1.0, 0.1}, {1.0, 0.9, 1.1}};

  static float[] f(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
    return out;
  }

  /** A 2-D matrix and a 1-D norm-like vector that require gradients. */
  static List<NDArray> params(NDManager m) {
    List<NDArray> out = new ArrayList<>();
    for (int i = 0; i < SHAPES.length; i++) {
      NDArray p = m.create(f(INITIAL[i]), SHAPES[i]);
      p.setRequiresGradient(true);
      out.add(p);
    }
    return out;
  }

  /** Makes each parameter's .grad exactly {@code grads[i]}: backward of sum(p · G) gives G. */
  static void setGradients(List<NDArray> params, double[][] grads) {
    try (NDManager z = manager.newSubManager()) {
      for (NDArray p : params) {
        NDArray g = p.getGradient();
        g.attach(z); // the handle, and the scalar that set() creates beside it, go when z closes
        g.set(new NDIndex("..."), 0f);
      }
    }
    try (NDManager s = manager.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray loss = null;
      for (int i = 0; i < params.size(); i++) {
        // the constant is the receiver, so the products land in s and not in the parameters' manager
        NDArray term = s.create(f(grads[i]), SHAPES[i]).mul(params.get(i)).sum();
        loss = loss == null ? term : loss.add(term);
      }
      gc.backward(loss);
    }
  }

  /** AdamW written from its equations, in double: clip, moments, bias correction, decoupled decay of matrices. */
  static final class Reference {
    final AdamW.Config c;
    final double[][] p;
    final double[][] m = new double[SHAPES.length][];
    final double[][] v = new double[SHAPES.length][];
    int t;

    Reference(AdamW.Config c) {
      this.c = c;
      p = new double[INITIAL.length][];
      for (int i = 0; i < p.length; i++) {
        p[i] = INITIAL[i].clone();
        m[i] = new double[p[i].length];
        v[i] = new double[p[i].length];
      }
    }

    double step(double[][] grads, double lr) {
      double sq = 0;
      for (double[] g : grads) for (double x : g) sq += x * x;
      double norm = Math.sqrt(sq);
      double scale = Math.min(1, c.maxGradNorm() / (norm + 1e-6));
      t++;
      for (int i = 0; i < p.length; i++) {
        boolean decay = SHAPES[i].dimension() > 1;
        for (int j = 0; j < p[i].length; j++) {
          double g = grads[i][j] * scale;
          m[i][j] = c.beta1() * m[i][j] + (1 - c.beta1()) * g;
          v[i][j] = c.beta2() * v[i][j] + (1 - c.beta2()) * g * g;
          double mHat = m[i][j] / (1 - Math.pow(c.beta1(), t));
          double vHat = v[i][j] / (1 - Math.pow(c.beta2(), t));
          if (decay) p[i][j] -= lr * c.weightDecay() * p[i][j];
          p[i][j] -= lr * mHat / (Math.sqrt(vHat) + c.eps());
        }
      }
      return norm;
    }
  }

  static double[][] grads(int step) {
    // different magnitudes and signs per step, one exact zero
    double[][] g = new double[SHAPES.length][];
    for (int i = 0; i < g.length; i++) {
      g[i] = new double[(int) SHAPES[i].size()];
      for (int j = 0; j < g[i].length; j++) g[i][j] = Math.sin(1.7 * step + 0.9 * j + i) * (1 + step % 3);
    }
    g[0][2] = 0;
    return g;
  }

  static void assertParams(Reference ref, List<NDArray> params, double tol, String what) {
    for (int i = 0; i < params.size(); i++) {
      float[] actual = params.get(i).toFloatArray();
      for (int j = 0; j < actual.length; j++) {
        assertEquals(ref.p[i][j], actual[j], tol, what + ": param " + i + "[" + j + "]");
      }
    }
  }

  @Test
  void oneStepMatchesTheEquations() {
    AdamW.Config c = AdamW.Config.defaults().withWeightDecay(0.1).withMaxGradNorm(Double.POSITIVE_INFINITY);
    try (NDManager pm = manager.newSubManager()) {
      List<NDArray> params = params(pm);
      try (AdamW o = new AdamW(params, c, manager)) {
        Reference ref = new Reference(c);
        setGradients(params, grads(0));
        double norm = o.step(0.01);
        assertEquals(ref.step(grads(0), 0.01), norm, 1e-5);
        assertParams(ref, params, 1e-6, "step 1");
        assertEquals(1, o.steps());
        // after one step Adam moves each weight by about lr·sign(g) (plus decay for the matrix)
        assertEquals(INITIAL[1][0] - 0.01 * Math.signum(grads(0)[1][0]), params.get(1).toFloatArray()[0], 1e-6);
      }
    }
  }

  @Test
  void severalStepsMatchTheEquationsWithClipping() {
    // clip at 3: the gradient norms of this sequence are about 1.9, 4.1, 6.0, 2.0, 4.1, 5.7, 2.1, 3.7
    AdamW.Config c = AdamW.Config.defaults().withWeightDecay(0.05).withMaxGradNorm(3.0);
    try (NDManager pm = manager.newSubManager()) {
      List<NDArray> params = params(pm);
      try (AdamW o = new AdamW(params, c, manager)) {
        Reference ref = new Reference(c);
        LearningRateSchedule lr = new LearningRateSchedule(0.02, 2, 8);
        int clipped = 0;
        for (int step = 0; step < 8; step++) {
          setGradients(params, grads(step));
          double norm = o.step(lr.lr(step));
          assertEquals(ref.step(grads(step), lr.lr(step)), norm, 1e-5, "norm at step " + step);
          if (norm > 3.0) clipped++;
          assertParams(ref, params, 2e-6, "step " + step);
          o.zeroGradients();
        }
        assertEquals(5, clipped, "steps where the clip binds");
      }
    }
  }

  @Test
  void weightDecaySkipsVectors() {
    AdamW.Config c = AdamW.Config.defaults().withWeightDecay(0.5);
    try (NDManager pm = manager.newSubManager()) {
      List<NDArray> params = params(pm);
      try (AdamW o = new AdamW(params, c, manager)) {
        setGradients(params, new double[][] {new double[6], new double[3]});
        o.step(0.1); // zero gradients: only the decay moves anything
        float[] matrix = params.get(0).toFloatArray();
        for (int j = 0; j < 6; j++) assertEquals(INITIAL[0][j] * (1 - 0.1 * 0.5), matrix[j], 1e-6);
        assertArrayEquals(f(INITIAL[1]), params.get(1).toFloatArray(), "a 1-D parameter is not decayed");
      }
    }
  }

  @Test
  void clipsByGlobalNorm() {
    try (NDManager pm = manager.newSubManager()) {
      List<NDArray> params = params(pm);
      try (AdamW o = new AdamW(params, AdamW.Config.defaults(), manager)) {
        // global norm sqrt(3² + 4²) = 5, spread over both parameters
        setGradients(params, new double[][] {{3, 0, 0, 0, 0, 0}, {0, 0, 4}});
        assertEquals(5.0, o.clipGradients(1.0), 1e-6);
        double scale = 1.0 / (5.0 + 1e-6);
        assertArrayEquals(new float[] {(float) (3 * scale), 0, 0, 0, 0, 0}, params.get(0).getGradient().toFloatArray(),
            1e-7f);
        assertArrayEquals(new float[] {0, 0, (float) (4 * scale)}, params.get(1).getGradient().toFloatArray(), 1e-7f);
        // below the limit nothing changes
        assertEquals(1.0, o.clipGradients(2.0), 1e-6);
        assertEquals(3 * scale, params.get(0).getGradient().toFloatArray()[0], 1e-7);
        assertThrows(IllegalArgumentException.class, () -> o.clipGradients(0));
      }
    }
  }

  @Test
  void stateRoundTripGivesIdenticalNextSteps() {
    AdamW.Config c = AdamW.Config.defaults().withWeightDecay(0.1);
    try (NDManager pm = manager.newSubManager()) {
      List<NDArray> a = params(pm);
      List<NDArray> b = params(pm);
      try (AdamW first = new AdamW(a, c, manager); AdamW second = new AdamW(b, c, manager)) {
        for (int step = 0; step < 3; step++) {
          setGradients(a, grads(step));
          first.step(0.01);
          first.zeroGradients();
        }
        AdamW.State saved = first.state();
        assertEquals(3, saved.step());
        for (int i = 0; i < a.size(); i++) b.get(i).set(a.get(i).toFloatArray());
        second.load(saved);
        assertEquals(3, second.steps());
        for (int step = 3; step < 6; step++) {
          setGradients(a, grads(step));
          setGradients(b, grads(step));
          first.step(0.01);
          second.step(0.01);
          for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray(), "step " + step + " param " + i);
          }
        }
        List<float[]> wrong = List.of(new float[6], new float[4]);
        assertThrows(IllegalArgumentException.class, () -> second.load(new AdamW.State(1, wrong, wrong)));
        assertThrows(IllegalArgumentException.class,
            () -> second.load(new AdamW.State(1, List.of(new float[6]), List.of(new float[6]))));
      }
    }
  }

  @Test
  void nonFiniteGradientsLeaveEverythingUnchanged() {
    try (NDManager pm = manager.newSubManager()) {
      List<NDArray> params = params(pm);
      try (AdamW o = new AdamW(params, AdamW.Config.defaults(), manager)) {
        setGradients(params, grads(0));
        o.step(0.01);
        AdamW.State before = o.state();
        float[] p0 = params.get(0).toFloatArray();
        double[][] bad = grads(1);
        bad[1][1] = Double.NaN;
        setGradients(params, bad);
        assertTrue(Double.isNaN(o.step(0.01)));
        assertEquals(1, o.steps());
        assertArrayEquals(p0, params.get(0).toFloatArray());
        assertArrayEquals(before.secondMoments().get(1), o.state().secondMoments().get(1));
        o.zeroGradients();
        assertArrayEquals(new float[3], params.get(1).getGradient().toFloatArray(), "NaN cleared by zeroGradients");
        assertThrows(IllegalArgumentException.class, () -> o.step(Double.NaN));
      }
    }
  }

  @Test
  void memoryStaysFlatOverManySteps() {
    try (NDManager pm = manager.newSubManager()) {
      List<NDArray> params = params(pm);
      try (AdamW o = new AdamW(params, AdamW.Config.defaults().withWeightDecay(0.1), manager)) {
        int[] counts = new int[3];
        for (int step = 0; step < 200; step++) {
          setGradients(params, grads(step));
          o.clipGradients(10.0);
          o.step(1e-3);
          o.zeroGradients();
          if (step == 9) counts[0] = manager.getManagedArrays().size();
          if (step == 99) counts[1] = manager.getManagedArrays().size();
          if (step == 199) counts[2] = manager.getManagedArrays().size();
        }
        assertEquals(counts[0], counts[1], "arrays after 10 and 100 steps");
        assertEquals(counts[0], counts[2], "arrays after 10 and 200 steps");
        // parameters and the two moments per parameter
        assertEquals(3 * params.size(), counts[0]);
      }
    }
  }
}
