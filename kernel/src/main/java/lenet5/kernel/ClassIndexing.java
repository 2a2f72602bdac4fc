package lenet5.kernel;

import java.lang.reflect.Method;

import jdk.jshell.SourceCodeAnalysis;

/**
 * Keeps JShell from indexing every class of the JDK and of the class path.
 *
 * <p>Why: JShell's {@link SourceCodeAnalysis} starts that index as soon as it is made, for tab
 * completion and import suggestions; this kernel offers neither and asks the analysis only where a
 * cell's snippets end. The index costs each kernel about 22 MB of heap for as long as it runs, and a
 * learner's kernels run side by side under one memory cap (bench/README.md). JShell has no option
 * for it, so its own {@code suspendIndexing} is called, which needs the kernelspec's
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}.
 */
final class ClassIndexing {

    private ClassIndexing() {
    }

    /**
     * Suspends the analysis' indexing for good, before or while its first pass runs.
     *
     * @return false where it cannot be done (the package not opened, another JDK): JShell then
     *         indexes as usual and nothing else changes
     */
    static boolean suspend(SourceCodeAnalysis analysis) {
        try {
            Method suspend = analysis.getClass().getDeclaredMethod("suspendIndexing");
            suspend.setAccessible(true);
            suspend.invoke(analysis);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
