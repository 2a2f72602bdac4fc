package lenet5.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Rich output through the running Java kernel, reached by reflection so that the utilities
 * compile and run without any kernel on the classpath.
 *
 * <p>The course's kernel, IJava and JJava share one calling convention:
 * {@code display(Object, String... mimes)} returns an id, {@code updateDisplay(id, Object, String... mimes)}.
 */
final class KernelFrontend implements Frontend {

    static final String COURSE = "lenet5.kernel.Display";
    static final String IJAVA = "io.github.spencerpark.ijava.runtime.Display";
    static final String JJAVA = "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics";

    private final String name;
    private final Method display;
    private final Method update;

    private KernelFrontend(String name, Method display, Method update) {
        this.name = name;
        this.display = display;
        this.update = update;
    }

    /** The first kernel whose classes {@code loader} can see, or null in a plain JVM. */
    static KernelFrontend detect(ClassLoader loader) {
        for (String cls : new String[] {COURSE, JJAVA, IJAVA}) {
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
            String name = className.equals(COURSE) ? "course" : className.equals(IJAVA) ? "ijava" : "jjava";
            return new KernelFrontend(name,
                    c.getMethod("display", Object.class, String[].class),
                    c.getMethod("updateDisplay", String.class, Object.class, String[].class));
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    public String display(String mime, Object payload) {
        Object id = invoke(display, payload, new String[] {mime});
        return id == null ? null : id.toString();
    }

    @Override
    public void update(String id, String mime, Object payload) {
        invoke(update, id, payload, new String[] {mime});
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
