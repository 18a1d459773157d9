package io.nsdb.sql.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pins the master seed of a randomized test method or class, as if {@code -Dtests.seed} had been
 * given: {@code @Seed("0x5EED5EED5EED5EED")}. Meant for keeping a seed that once failed while the
 * failure is investigated; a method's {@code @Seed} wins over its class's, and both win over the
 * system property.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Seed {

  /** The master seed, hexadecimal with {@code 0x} or decimal; see {@link RandomSeedExtension}. */
  String value();
}
