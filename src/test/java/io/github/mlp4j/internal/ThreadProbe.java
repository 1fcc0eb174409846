package io.github.mlp4j.internal;

import java.lang.reflect.Method;

/**
 * CPU time and allocation of threads, read from the JDK's thread management bean reflectively:
 * the tests compile inside the module, which reads no management module.
 */
final class ThreadProbe {
    private static final Object BEAN;
    private static final Method CPU_TIME;
    private static final Method ALLOCATED;

    static {
        try {
            BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            CPU_TIME = Class.forName("java.lang.management.ThreadMXBean").getMethod("getThreadCpuTime", long.class);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            for (int i = 0; i < 100; i++) {                                   // past reflection's inflation
                ALLOCATED.invoke(BEAN);
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ThreadProbe() {
    }

    /** Returns the CPU time {@code thread} has used, in ns, or −1 once it has ended. */
    static long cpuNanos(Thread thread) {
        try {
            return (Long) CPU_TIME.invoke(BEAN, thread.getId());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Returns the bytes the calling thread has allocated so far. */
    static long allocatedBytes() {
        try {
            return (Long) ALLOCATED.invoke(BEAN);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
