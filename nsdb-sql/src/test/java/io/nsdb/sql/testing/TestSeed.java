package io.nsdb.sql.testing;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * The seeds of one randomized test: the run's master seed (what {@code -Dtests.seed} sets) and the
 * test's own seed derived from it and the test's unique id, so that each test draws the same
 * numbers whether it runs alone or with the others.
 *
 * @param masterSeed the seed of the whole run, or the one pinned by {@link Seed}
 * @param seed the seed of this test, derived from {@code masterSeed}
 * @param source where {@code masterSeed} came from: {@code tests.seed}, {@code @Seed} or {@code
 *     random}
 * @param reproduceWith the command that runs this test again with the same seed
 */
public record TestSeed(long masterSeed, long seed, String source, String reproduceWith) {

  /** The master seed as {@code -Dtests.seed} takes it: {@code 0x} and 16 hex digits. */
  public String master() {
    return RandomSeedExtension.formatSeed(masterSeed);
  }

  /** A new {@link Random} that starts from this test's seed. */
  public Random random() {
    return new Random(seed);
  }

  /** A new {@link SplittableRandom} that starts from this test's seed. */
  public SplittableRandom splittable() {
    return new SplittableRandom(seed);
  }

  @Override
  public String toString() {
    return "tests.seed=" + master() + " (" + source + "); reproduce with: " + reproduceWith;
  }
}
