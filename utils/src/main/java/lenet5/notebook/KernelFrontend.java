package lenet5.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Rich output through the running Java kernel, reached by reflection so that the utilities
 * compile and run without any kernel on the classpath.
 *
 * <p>Two calling conventions exist: rapaio's {@code Global.display(String mime, Object)} and the
 * IJava/JJava statics {@code display(Object, String... mimes)}.
 */
final class KernelFrontend implements Frontend {

    static final String RAPAIO = "org.rapaio.jupyter.kernel.global.Global";
    static final String IJAVA = "io.github.spencerpark.ijava.runtime.Display";
    static final String JJAVA = "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics";

    private final String name;
    private final boolean mimeFirst;
    private final Method display;
    private final Method update;

    private KernelFrontend(String name, boolean mimeFirst, Method display, Method update) {
        this.name = name;
        this.mimeFirst = mimeFirst;
        this.display = display;
        this.update = update;
    }

    /** The first kernel whose classes {@code loader} can see, or null in a plain JVM. */
    static KernelFrontend detect(ClassLoader loader) {
        for (String cls : new String[] {RAPAIO, JJAVA, IJAVA}) {
            KernelFrontend f = of(cls, loader);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The frontend for one kernel class, or null when the class is absent or has another shape. */
    static KernelFrontend of(String className, ClassLoader loader) {
        Class<?> c;
        try {
            c = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            if (className.equals(RAPAIO)) {
                return new KernelFrontend("rapaio", true,
                        c.getMethod("display", String.class, Object.class),
                        c.getMethod("updateDisplay", String.class, String.class, Object.class));
            }
            String name = className.equals(IJAVA) ? "ijava" : "jjava";
            return new KernelFrontend(name, false,
                    c.getMethod("display", Object.class, String[].class),
                    c.getMethod("updateDisplay", String.class, Object.class, String[].class));
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    public String display(String mime, Object payload) {
        Object id = mimeFirst
                ? invoke(display, mime, payload)
                : invoke(display, payload, new String[] {mime});
        return id == null ? null : id.toString();
    }

    @Override
    public void update(String id, String mime, Object payload) {
        if (mimeFirst) {
            invoke(update, id, mime, payload);
        } else {
            invoke(update, id, payload, new String[] {mime});
        }
    }

    @Override
    public String name() {
        return name;
    }

    private static Object invoke(Method m, Object... args) {
        try {
            return m.invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Kernel display method is not accessible: " + m, e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }
}
