package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.QualifiedNames;

import org.junit.jupiter.api.Test;

/** Runs with the kernelspec's {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (pom.xml). */
class ClassIndexingTest {

    @Test
    void jshellIndexesNoClassOnceSuspended() throws InterruptedException {
        try (JShell shell = JShell.create()) {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            assertTrue(ClassIndexing.suspend(analysis), "suspendIndexing not reachable on this JDK");
            // Indexing the JDK alone takes 1-2 s here; an index would by now name java.util.ArrayList.
            Thread.sleep(4000);
            QualifiedNames names = analysis.listQualifiedNames("ArrayList", "ArrayList".length());
            assertEquals(List.of(), names.getNames());
            assertFalse(names.isUpToDate());
            // Splitting a cell into snippets, the one thing the kernel asks of the analysis, still works.
            assertEquals("int x = 1;", analysis.analyzeCompletion("int x = 1; int y = 2;").source().trim());
        }
    }
}
