package io.hotwatch.core.model;

/**
 * The one lock every ND4J call on a shared path takes. ND4J 1.0.0-M2.1 caches tensor-along-dimension descriptors in
 * a process-wide native cache that is not safe when two threads fill it at once: two scoring operators in one task
 * manager crashed the JVM (SIGSEGV in {@code sd::TadDescriptor}, from the normaliser's broadcast) over the three
 * Chicago years. Later ND4J releases made that cache thread-safe; until the project can move to one, networks in the
 * same JVM take turns. A batched call costs about a millisecond, so two operators on two cores lose little.
 */
public final class NativeCalls {

  /** Held for the whole of each ND4J computation that may run beside another thread's. */
  public static final Object LOCK = new Object();

  private NativeCalls() {}
}
