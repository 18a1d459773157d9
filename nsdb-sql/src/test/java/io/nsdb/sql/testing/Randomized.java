package io.nsdb.sql.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) as randomized: its tests may take a {@link java.util.Random}, a
 * {@link java.util.random.RandomGenerator} or a {@link TestSeed} parameter, seeded from {@code
 * -Dtests.seed}, and a failure says how to run it again with the same seed. See {@link
 * RandomSeedExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(RandomSeedExtension.class)
public @interface Randomized {}
