package io.github.mlp4j.spark;

import io.github.mlp4j.optim.Optimizer;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * A way to recreate the driver's optimizer on an executor (the {@code average} strategy runs the
 * optimizer there). The core's optimizers are records of numbers, which travel as their class
 * and components; any other optimizer must itself be {@link Serializable}.
 */
final class OptimizerRecipe implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String recordClass;
    private final Object[] components;
    private final Optimizer serializable;
    private transient Optimizer made;

    private OptimizerRecipe(String recordClass, Object[] components, Optimizer serializable) {
        this.recordClass = recordClass;
        this.components = components;
        this.serializable = serializable;
    }

    /**
     * Describes {@code optimizer}.
     *
     * @throws IllegalArgumentException if it is neither a record of serializable components nor
     *     serializable
     */
    static OptimizerRecipe of(Optimizer optimizer) {
        Class<?> c = optimizer.getClass();
        if (optimizer instanceof Serializable) {
            return new OptimizerRecipe(null, null, optimizer);
        }
        if (c.isRecord()) {
            RecordComponent[] rc = c.getRecordComponents();
            Object[] values = new Object[rc.length];
            try {
                for (int i = 0; i < rc.length; i++) {
                    values[i] = rc[i].getAccessor().invoke(optimizer);
                    if (values[i] != null && !(values[i] instanceof Serializable)) {
                        throw new IllegalArgumentException(describe(c));
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(describe(c), e);
            }
            return new OptimizerRecipe(c.getName(), values, null);
        }
        throw new IllegalArgumentException(describe(c));
    }

    private static String describe(Class<?> c) {
        return "The optimizer " + c.getName() + " cannot be sent to the executors, which the 'average' strategy "
                + "needs; make it Serializable (or a record of numbers), or use the 'sync' strategy.";
    }

    /** {@return the optimizer, made once per deserialised copy} */
    Optimizer get() {
        if (serializable != null) {
            return serializable;
        }
        if (made == null) {
            try {
                Class<?> c = Class.forName(recordClass);
                RecordComponent[] rc = c.getRecordComponents();
                Class<?>[] types = new Class<?>[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    types[i] = rc[i].getType();
                }
                Constructor<?> k = c.getDeclaredConstructor(types);
                k.setAccessible(true);
                made = (Optimizer) k.newInstance(components);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot recreate the optimizer " + recordClass + " on an executor.", e);
            }
        }
        return made;
    }
}
