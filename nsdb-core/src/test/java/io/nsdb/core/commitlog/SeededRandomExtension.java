package io.nsdb.core.commitlog;

import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives a test method a {@link Random} parameter seeded from {@code -Dtests.seed=<hex>} or, without
 * it, from a fresh random seed; when the test fails, the seed and the command that replays the
 * failure are printed and attached to the failure.
 */
public final class SeededRandomExtension
    implements ParameterResolver, TestExecutionExceptionHandler {

  public static final String SEED_PROPERTY = "tests.seed";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SeededRandomExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Random.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    long seed = seed();
    context.getStore(NAMESPACE).put("seed", seed);
    return new Random(seed);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    Long seed = context.getStore(NAMESPACE).get("seed", Long.class);
    if (seed != null) {
      String replay =
          "reproduce with: ./mvnw -pl nsdb-core test -Dtest="
              + context.getRequiredTestClass().getSimpleName()
              + "#"
              + context.getRequiredTestMethod().getName()
              + " -D"
              + SEED_PROPERTY
              + "="
              + hex(seed);
      System.err.println(context.getDisplayName() + " failed; " + replay);
      failure.addSuppressed(new SeedInfo(replay));
    }
    throw failure;
  }

  static long seed() {
    String configured = System.getProperty(SEED_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      try {
        return Long.parseUnsignedLong(configured.strip(), 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "-D" + SEED_PROPERTY + " takes a hexadecimal seed [value=" + configured + "]", e);
      }
    }
    return ThreadLocalRandom.current().nextLong();
  }

  static String hex(long seed) {
    return HexFormat.of().withUpperCase().toHexDigits(seed);
  }

  /** Carries the seed in the failure report; no stack trace of its own. */
  private static final class SeedInfo extends Throwable {
    private static final long serialVersionUID = 1L;

    SeedInfo(String message) {
      super(message, null, false, false);
    }
  }
}
