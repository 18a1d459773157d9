package io.nsdb.core.codec;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs randomized test bodies with a seed that is printed when they fail; {@code -Dtests.seed=N}
 * (decimal or {@code 0x} hex) replays one.
 */
final class Seeded {

  private Seeded() {}

  static long seed() {
    String property = System.getProperty("tests.seed");
    if (property == null || property.isBlank()) {
      return new Random().nextLong();
    }
    return Long.decode(property.strip());
  }

  /** Runs {@code body} with a {@link Random} of a fresh (or the given) seed. */
  static void run(String what, Consumer<Random> body) {
    long seed = seed();
    try {
      body.accept(new Random(seed));
    } catch (Throwable t) {
      String message = what + " failed; replay with -Dtests.seed=" + seed;
      System.err.println(message);
      throw new AssertionError(message + ": " + t, t);
    }
  }
}
