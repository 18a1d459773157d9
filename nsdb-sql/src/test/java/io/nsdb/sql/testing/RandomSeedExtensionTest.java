package io.nsdb.sql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

@Randomized
class RandomSeedExtensionTest {

  @Test
  void seedsAreReadAsHexadecimalOrDecimal() {
    assertEquals(0xDEADBEEFL, RandomSeedExtension.parseSeed("0xDEADBEEF"));
    assertEquals(0xDEADBEEFL, RandomSeedExtension.parseSeed("deadbeef"));
    assertEquals(0xDEADBEEFL, RandomSeedExtension.parseSeed(" 0Xdead_beef "));
    assertEquals(0xDEADBEEFL, RandomSeedExtension.parseSeed("DEADBEEF:C0FFEE"));
    assertEquals(12345L, RandomSeedExtension.parseSeed("12345"));
    assertEquals(-5L, RandomSeedExtension.parseSeed("-5"));
    assertEquals(-1L, RandomSeedExtension.parseSeed("18446744073709551615"));
    assertEquals(-1L, RandomSeedExtension.parseSeed("0xFFFFFFFFFFFFFFFF"));
    assertThrows(IllegalArgumentException.class, () -> RandomSeedExtension.parseSeed("xyz"));
    assertThrows(IllegalArgumentException.class, () -> RandomSeedExtension.parseSeed(""));
    assertThrows(
        IllegalArgumentException.class, () -> RandomSeedExtension.parseSeed("0x1FFFFFFFFFFFFFFFF"));
  }

  @Test
  void formattedSeedsReadBack(Random random) {
    for (long seed : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong()}) {
      String formatted = RandomSeedExtension.formatSeed(seed);
      assertTrue(formatted.matches("0x[0-9A-F]{16}"), formatted);
      assertEquals(seed, RandomSeedExtension.parseSeed(formatted));
    }
  }

  @Test
  void eachTestDerivesItsOwnSeedFromTheMasterSeed() {
    long a = RandomSeedExtension.deriveSeed(42, "[engine:junit-jupiter]/[class:A]/[method:a()]");
    long b = RandomSeedExtension.deriveSeed(42, "[engine:junit-jupiter]/[class:A]/[method:b()]");
    long c = RandomSeedExtension.deriveSeed(43, "[engine:junit-jupiter]/[class:A]/[method:a()]");
    assertEquals(
        a, RandomSeedExtension.deriveSeed(42, "[engine:junit-jupiter]/[class:A]/[method:a()]"));
    assertNotEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void everyParameterOfATestStartsFromTheTestSeed(
      Random first,
      Random second,
      RandomGenerator generator,
      SplittableRandom splittable,
      TestSeed seed) {
    long expected = new Random(seed.seed()).nextLong();
    assertEquals(expected, first.nextLong());
    assertEquals(expected, second.nextLong());
    long fromSplittable = new SplittableRandom(seed.seed()).nextLong();
    assertInstanceOf(SplittableRandom.class, generator);
    assertEquals(fromSplittable, generator.nextLong());
    assertEquals(fromSplittable, splittable.nextLong());
    assertTrue(seed.reproduceWith().contains("-Dtests.seed=" + seed.master()), seed.toString());
    assertTrue(
        seed.reproduceWith().contains("-Dtest=RandomSeedExtensionTest#everyParameterOfATest"),
        seed.reproduceWith());
  }

  @Test
  @Seed("0x5EED")
  void seedAnnotationPinsTheMasterSeed(TestSeed seed) {
    assertEquals(0x5EEDL, seed.masterSeed());
    assertEquals("@Seed", seed.source());
    assertTrue(seed.reproduceWith().endsWith("-Dtests.seed=0x0000000000005EED"), seed.toString());
  }

  @Test
  void failuresCarryTheSeedAndTheCommandThatReproducesThem() throws Exception {
    Method method =
        getClass().getDeclaredMethod("failuresCarryTheSeedAndTheCommandThatReproducesThem");
    ExtensionContext context = fakeContext(method);
    RandomSeedExtension extension = new RandomSeedExtension();

    AssertionError failure = new AssertionError("boom");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    Throwable thrown;
    try {
      thrown =
          assertThrows(
              Throwable.class, () -> extension.handleTestExecutionException(context, failure));
    } finally {
      System.setErr(stderr);
    }
    assertSame(failure, thrown);
    assertEquals(1, failure.getSuppressed().length);
    String note = failure.getSuppressed()[0].getMessage();
    TestSeed seed = RandomSeedExtension.seedOf(context);
    assertTrue(note.contains("tests.seed=" + seed.master()), note);
    assertTrue(
        note.contains(
            " test -Dtest=RandomSeedExtensionTest#failuresCarryTheSeedAndTheCommandThatReproducesThem"
                + " -Dtests.seed="
                + seed.master()),
        note);
    String console = printed.toString(StandardCharsets.UTF_8);
    assertTrue(console.contains("NOTE: reproduce with: "), console);
    assertTrue(console.contains("-Dtests.seed=" + seed.master()), console);

    TestAbortedException aborted = new TestAbortedException("assumption");
    assertThrows(
        TestAbortedException.class, () -> extension.handleTestExecutionException(context, aborted));
    assertEquals(0, aborted.getSuppressed().length);
  }

  /** Just enough of an {@link ExtensionContext} for the extension's failure handling. */
  private static ExtensionContext fakeContext(Method method) {
    Map<Object, Object> values = new HashMap<>();
    ExtensionContext.Store store =
        (ExtensionContext.Store)
            Proxy.newProxyInstance(
                RandomSeedExtensionTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.Store.class},
                (proxy, m, args) -> {
                  if (m.getName().equals("getOrComputeIfAbsent") && args.length == 3) {
                    @SuppressWarnings("unchecked")
                    Function<Object, Object> compute = (Function<Object, Object>) args[1];
                    return values.computeIfAbsent(args[0], compute);
                  }
                  throw new UnsupportedOperationException(m.getName());
                });
    String uniqueId =
        "[engine:junit-jupiter]/[class:"
            + method.getDeclaringClass().getName()
            + "]/[method:fake()]";
    return (ExtensionContext)
        Proxy.newProxyInstance(
            RandomSeedExtensionTest.class.getClassLoader(),
            new Class<?>[] {ExtensionContext.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "getStore" -> store;
                  case "getUniqueId" -> uniqueId;
                  case "getDisplayName" -> method.getName() + "()";
                  case "getElement" -> Optional.<AnnotatedElement>of(method);
                  case "getTestClass" -> Optional.of(method.getDeclaringClass());
                  case "getTestMethod" -> Optional.of(method);
                  case "publishReportEntry" -> null;
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }
}
