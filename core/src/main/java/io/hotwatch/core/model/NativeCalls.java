package io.hotwatch.core.model;

/**
 * The one lock every ND4J call on a shared path takes. A three-year detect run with two scoring operators in one task
 * manager crashed the JVM once in ND4J's native code (SIGSEGV in {@code sd::TadDescriptor}, from the normaliser's
 * broadcast); ND4J 1.0.0-M2.1 keeps tensor-along-dimension descriptors in a process-wide native cache whose
 * thread-safety later releases fixed. The crash could not be reproduced on demand, so this is a precaution, not a
 * proven cure: networks in the same JVM take turns. A batched call costs about a millisecond, so two operators on two
 * cores lose little.
 */
public final class NativeCalls {

  /** Held for the whole of each ND4J computation that may run beside another thread's. */
  public static final Object LOCK = new Object();

  private NativeCalls() {}
}
