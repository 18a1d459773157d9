package io.nsdb.sql.testing;

import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Seeded randomness for JUnit 5 tests, after Lucene's {@code LuceneTestCase}: every run has one
 * master seed, taken from {@code -Dtests.seed} or drawn at random, and every test derives its own
 * seed from the master seed and its unique id. A failing test prints, and attaches to its failure
 * as a suppressed exception, the exact command that runs it again with the same numbers:
 *
 * <pre>
 * NOTE: reproduce with: ./mvnw -pl nsdb-sql test -Dtest=SqlParserFuzzTest#tokenSoup -Dtests.seed=0x3C6EF372FE94F82B
 * </pre>
 *
 * <p>Use it with {@link Randomized} on the class (or
 * {@code @ExtendWith(RandomSeedExtension.class)}) and take the randomness as a test parameter:
 *
 * <ul>
 *   <li>{@link Random}: a {@code java.util.Random} seeded with the test's seed;
 *   <li>{@link RandomGenerator} or {@link SplittableRandom}: a {@code SplittableRandom} seeded with
 *       the test's seed;
 *   <li>{@link TestSeed}: the seeds themselves and the reproduce command, for messages.
 * </ul>
 *
 * <p>{@code tests.seed} is hexadecimal when it starts with {@code 0x} or has a digit {@code a-f},
 * decimal otherwise; what follows a {@code :} is ignored, so Lucene-style {@code MASTER:METHOD}
 * seeds work too. {@link Seed} pins the master seed of a method or class in the source. {@code
 * -Dtests.multiplier=N} scales the iteration counts of tests that use {@link #scaled(int)}, for
 * longer runs.
 */
public final class RandomSeedExtension
    implements ParameterResolver,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  /** The system property that sets the master seed. */
  public static final String SEED_PROPERTY = "tests.seed";

  /** The system property that multiplies iteration counts, 1 by default. */
  public static final String MULTIPLIER_PROPERTY = "tests.multiplier";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RandomSeedExtension.class);

  /** The master seed of this JVM, chosen once so that every test of a run shares it. */
  private static final class RunSeed {
    static final long SEED;
    static final String SOURCE;

    static {
      String property = System.getProperty(SEED_PROPERTY, "").strip();
      if (property.isEmpty() || property.equalsIgnoreCase("random")) {
        SEED = ThreadLocalRandom.current().nextLong();
        SOURCE = "random";
      } else {
        SEED = parseSeedOrExplain(property, "-D" + SEED_PROPERTY);
        SOURCE = SEED_PROPERTY;
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Random.class
        || type == RandomGenerator.class
        || type == SplittableRandom.class
        || type == TestSeed.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestSeed seed = seedOf(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == Random.class) {
      return seed.random();
    }
    if (type == TestSeed.class) {
      return seed;
    }
    return seed.splittable();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withSeed(context, throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(
      ExtensionContext context, Throwable throwable) throws Throwable {
    throw withSeed(context, throwable);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withSeed(context, throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withSeed(context, throwable);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withSeed(context, throwable);
  }

  /**
   * The seeds of the test (or class) {@code context} stands for; the same object for the whole
   * test, so that every parameter and the failure report agree.
   */
  public static TestSeed seedOf(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(context.getUniqueId(), id -> computeSeed(context), TestSeed.class);
  }

  /** {@code n} times {@code -Dtests.multiplier} (1 unless set), never less than 1. */
  public static int scaled(int n) {
    return Math.max(1, Math.multiplyExact(n, multiplier()));
  }

  /** The value of {@code -Dtests.multiplier}, 1 unless set. */
  public static int multiplier() {
    String value = System.getProperty(MULTIPLIER_PROPERTY, "").strip();
    if (value.isEmpty()) {
      return 1;
    }
    try {
      int multiplier = Integer.parseInt(value);
      if (multiplier >= 1) {
        return multiplier;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ExtensionConfigurationException(
        "-D" + MULTIPLIER_PROPERTY + " must be a positive integer, not '" + value + "'");
  }

  private static Throwable withSeed(ExtensionContext context, Throwable throwable) {
    if (throwable instanceof TestAbortedException) {
      return throwable; // an assumption that did not hold is not a failure
    }
    TestSeed seed = seedOf(context);
    System.err.println(
        "NOTE: "
            + context.getDisplayName()
            + " failed with tests.seed="
            + seed.master()
            + " ("
            + seed.source()
            + ")");
    System.err.println("NOTE: reproduce with: " + seed.reproduceWith());
    throwable.addSuppressed(new ReproduceWith(seed));
    context.publishReportEntry(SEED_PROPERTY, seed.master());
    return throwable;
  }

  private static TestSeed computeSeed(ExtensionContext context) {
    long master;
    String source;
    Optional<Seed> pinned =
        pinnedSeed(context.getElement()).or(() -> context.getTestClass().flatMap(c -> pinned(c)));
    if (pinned.isPresent()) {
      master = parseSeedOrExplain(pinned.get().value(), "@Seed");
      source = "@Seed";
    } else {
      master = RunSeed.SEED;
      source = RunSeed.SOURCE;
    }
    return new TestSeed(
        master,
        deriveSeed(master, context.getUniqueId()),
        source,
        reproduceCommand(context, master));
  }

  private static Optional<Seed> pinnedSeed(Optional<AnnotatedElement> element) {
    return element.flatMap(RandomSeedExtension::pinned);
  }

  private static Optional<Seed> pinned(AnnotatedElement element) {
    return Optional.ofNullable(element.getAnnotation(Seed.class));
  }

  /** The seed of one test: the master seed mixed with a 64-bit hash of the test's unique id. */
  static long deriveSeed(long masterSeed, String uniqueId) {
    long hash = 0xcbf29ce484222325L; // FNV-1a
    for (byte b : uniqueId.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix64(masterSeed ^ mix64(hash));
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer, as in {@link SplittableRandom}. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * Reads a seed: {@code 0x}-prefixed or containing {@code a-f} is hexadecimal (up to 16 digits,
   * read unsigned), digits only are decimal (signed, or unsigned up to 2^64-1); underscores are
   * ignored and so is anything from a {@code :} on.
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  public static long parseSeed(String text) {
    String seed = text.strip().replace("_", "");
    int colon = seed.indexOf(':');
    if (colon >= 0) {
      seed = seed.substring(0, colon);
    }
    try {
      if (seed.startsWith("0x") || seed.startsWith("0X")) {
        return Long.parseUnsignedLong(seed.substring(2), 16);
      }
      if (seed.matches("-[0-9]+")) {
        return Long.parseLong(seed);
      }
      if (seed.matches("[0-9]+")) {
        return Long.parseUnsignedLong(seed);
      }
      if (seed.matches("[0-9a-fA-F]+")) {
        return Long.parseUnsignedLong(seed, 16);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("seed out of range: '" + text + "'", e);
    }
    throw new IllegalArgumentException(
        "not a seed: '" + text + "' (expected 0x-prefixed hexadecimal or decimal)");
  }

  /** {@code 0x} and 16 upper-case hex digits, which {@link #parseSeed} reads back. */
  public static String formatSeed(long seed) {
    return String.format(Locale.ROOT, "0x%016X", seed);
  }

  private static long parseSeedOrExplain(String text, String where) {
    try {
      return parseSeed(text);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
    }
  }

  private static String reproduceCommand(ExtensionContext context, long master) {
    StringBuilder command = new StringBuilder(mavenInvocation()).append(" test");
    context
        .getTestClass()
        .ifPresent(
            testClass -> {
              Class<?> outer = testClass;
              while (outer.getEnclosingClass() != null) {
                outer = outer.getEnclosingClass();
              }
              command.append(" -Dtest=").append(outer.getSimpleName());
              context.getTestMethod().ifPresent(m -> command.append('#').append(m.getName()));
            });
    command.append(" -D").append(SEED_PROPERTY).append('=').append(formatSeed(master));
    if (multiplier() != 1) {
      command.append(" -D").append(MULTIPLIER_PROPERTY).append('=').append(multiplier());
    }
    return command.toString();
  }

  /** {@code ./mvnw -pl <module>} when run by Maven inside a multi-module build with a wrapper. */
  private static String mavenInvocation() {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir", ""));
    if (basedir.isEmpty()) {
      return "mvn";
    }
    Path module = Path.of(basedir).toAbsolutePath().normalize();
    Path root = module.getParent();
    if (root != null && Files.isRegularFile(root.resolve("pom.xml"))) {
      String wrapper = Files.isRegularFile(root.resolve("mvnw")) ? "./mvnw" : "mvn";
      return wrapper + " -pl " + module.getFileName();
    }
    return Files.isRegularFile(module.resolve("mvnw")) ? "./mvnw" : "mvn";
  }

  /**
   * Attached to a failure as a suppressed exception, so the seed shows wherever the failure does:
   * in the console, in Surefire's reports and in an IDE.
   */
  static final class ReproduceWith extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReproduceWith(TestSeed seed) {
      super(seed.toString(), null, false, false);
    }
  }
}
