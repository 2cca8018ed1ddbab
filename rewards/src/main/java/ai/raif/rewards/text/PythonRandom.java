package ai.raif.rewards.text;

/**
 * CPython's {@code random.Random(seed)} for a non-negative int seed, bit for bit: MT19937 seeded with
 * {@code init_by_array} over the seed's 32-bit words, {@code random()} from two draws (53 bits),
 * {@code gauss()} with its cached second value, and {@code choice()} through {@code _randbelow}/{@code getrandbits}.
 * {@code gauss} uses StrictMath (fdlibm), which may differ from the C library in the last bit of a value.
 * Not thread-safe.
 */
final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final double TWO_PI = 2.0 * Math.PI;

  /** The state right after seeding with 0 (langdetect's seed), copied instead of recomputed. */
  private static final int[] SEED_ZERO_STATE = new PythonRandom(0, true).mt;

  private final int[] mt = new int[N];
  private int index;
  private boolean hasGaussNext;
  private double gaussNext;

  PythonRandom(long seed) {
    this(seed, seed != 0);
    if (seed == 0) {
      System.arraycopy(SEED_ZERO_STATE, 0, mt, 0, N);
      index = N;
    }
  }

  private PythonRandom(long seed, boolean seedNow) {
    if (seed < 0) throw new IllegalArgumentException("seed must be non-negative, got " + seed);
    if (!seedNow) return;
    int[] key = seed >>> 32 == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
    initByArray(key);
  }

  /** random.random(): a double in [0, 1). */
  double random() {
    long a = Integer.toUnsignedLong(next32()) >>> 5;
    long b = Integer.toUnsignedLong(next32()) >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** random.gauss(0.0, 1.0) (Box-Muller; the second value of each pair is kept for the next call). */
  double gauss() {
    if (hasGaussNext) {
      hasGaussNext = false;
      return gaussNext;
    }
    double x2pi = random() * TWO_PI;
    double g2rad = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - random()));
    gaussNext = StrictMath.sin(x2pi) * g2rad;
    hasGaussNext = true;
    return StrictMath.cos(x2pi) * g2rad;
  }

  /** The index random.choice(seq) picks for a sequence of size n: _randbelow(n) by rejection on getrandbits. */
  int randBelow(int n) {
    if (n <= 0) throw new IllegalArgumentException("cannot choose from an empty sequence");
    int bits = 32 - Integer.numberOfLeadingZeros(n); // n.bit_length()
    int r;
    do {
      r = next32() >>> (32 - bits);
    } while (Integer.compareUnsigned(r, n) >= 0);
    return r;
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    index = N;
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private int next32() {
    if (index >= N) twist();
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  private void twist() {
    for (int k = 0; k < N; k++) {
      int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
      mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
    }
    index = 0;
  }
}
