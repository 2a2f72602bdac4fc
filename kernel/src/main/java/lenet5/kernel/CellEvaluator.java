package lenet5.kernel;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs cells in a JShell whose snippets execute in this JVM: splits a cell into snippets and
 * magics, evaluates them in order, and turns what goes wrong into short messages that point at
 * the cell's own lines.
 */
final class CellEvaluator implements AutoCloseable {

    /** What the jshell tool imports at start, so cells read as they do there. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");

    /** The result of a cell: its last expression's value, if it has one to show. */
    record Result(boolean hasValue, Object value) {
        static final Result NONE = new Result(false, null);
    }

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final InProcessExecution execution;
    private final Path workingDir;
    private final MavenMagic maven;
    /** Snippet class → maps a line of its wrapped source to "cell [n], line m". */
    private final Map<String, Function<Integer, String>> origins = new HashMap<>();

    /**
     * @param classpath  jars and folders every cell can use (the kernelspec's classpath)
     * @param workingDir the notebook's folder, against which {@code %classpath} resolves
     * @param log        where JShell's own messages go
     * @param execution  runs the snippets (its grace period and stopper are set there)
     */
    CellEvaluator(List<Path> classpath, Path workingDir, PrintStream log, InProcessExecution execution) {
        this.execution = execution;
        this.workingDir = workingDir;
        this.shell = JShell.builder()
                .executionEngine(new InProcessExecution.Provider(execution), Map.of())
                .out(log).err(log)
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        ClassIndexing.suspend(analysis);
        for (Path p : classpath) {
            shell.addToClasspath(p.toString());
        }
        this.maven = new MavenMagic(classpath, MavenMagic.defaultResolverFolder(), p -> shell.addToClasspath(p.toString()));
        StringBuilder imports = new StringBuilder();
        for (String i : DEFAULT_IMPORTS) {
            imports.append("import ").append(i).append(";\n");
        }
        imports.append("import static lenet5.kernel.Display.*;\n");
        for (CompletionInfo info = analysis.analyzeCompletion(imports.toString());
                info.completeness().isComplete(); info = analysis.analyzeCompletion(info.remaining())) {
            shell.eval(info.source());
        }
    }

    /**
     * Runs one cell.
     *
     * @param count the cell's execution count, used to name it in error messages
     * @throws CellError for compile errors, magics and interrupts; the cell's own exception
     *                   (or a {@link CellError.CellFailure} wrapping an {@link Error}) when it threw
     */
    Result eval(String cell, int count) throws Exception {
        return eval(cell, count, () -> false);
    }

    /**
     * Runs one cell, unless {@code stopRequested} says an interrupt came for it before it began.
     * Checked after the run is registered, so an interrupt reaches the cell one way or the other.
     */
    Result eval(String cell, int count, BooleanSupplier stopRequested) throws Exception {
        CellRun run = execution.begin();
        try {
            if (stopRequested.getAsBoolean()) {
                run.interrupt();
            }
            checkInterrupt(run);
            return evalCell(cell, count, run, 0);
        } finally {
            execution.end(run);
        }
    }

    /** How deep %load may nest: a notebook that loads itself stops here. */
    private static final int MAX_LOAD_DEPTH = 8;

    private Result evalCell(String cell, int count, CellRun run, int depth) throws Exception {
        String first = cell.stripLeading();
        if (first.startsWith("%%")) {
            int nl = first.indexOf('\n');
            String name = (nl < 0 ? first : first.substring(0, nl)).substring(2).strip();
            String body = nl < 0 ? "" : first.substring(nl + 1);
            if (!name.equals("loadFromPOM")) {
                throw new CellError.MagicError("unknown cell magic %%" + name + "; this kernel knows %%loadFromPOM. "
                        + "%lsmagic lists every magic.");
            }
            print(maven.loadFromPom(body));
            return Result.NONE;
        }
        Result result = Result.NONE;
        for (CellSource.Part part : CellSource.split(cell, this::isOpen)) {
            switch (part.kind()) {
                case MAGIC -> {
                    runMagic(part, count, run, depth);
                    result = Result.NONE;
                }
                case CELL_MAGIC -> throw new CellError.MagicError("%%" + part.magicName()
                        + " must be the cell's first line (the whole cell is its input).");
                case CODE -> result = evalCode(part, count, run);
            }
            checkInterrupt(run);
        }
        return result;
    }

    private void runMagic(CellSource.Part part, int count, CellRun run, int depth) throws Exception {
        String args = part.magicArguments();
        switch (part.magicName()) {
            case "classpath" -> addToClasspath(args, false);
            case "jars" -> {
                if (args.isBlank()) {
                    print(Magics.jarList(maven.present()));
                } else {
                    addToClasspath(args, true);
                }
            }
            case "maven" -> print(maven.maven(args));
            case "mavenRepo" -> maven.addRepository(args);
            case "loadFromPOM" -> print(maven.loadFromPom(Magics.read(args, workingDir, "%loadFromPOM")));
            case "load" -> {
                if (depth >= MAX_LOAD_DEPTH) {
                    throw new CellError.MagicError("%load nests deeper than " + MAX_LOAD_DEPTH + " files; does a file load itself?");
                }
                for (String loaded : Magics.loadable(args, workingDir)) {
                    evalCell(loaded, count, run, depth + 1);
                }
            }
            case "lsmagic" -> print(Magics.LIST);
            default -> throw new CellError.MagicError("unknown magic %" + part.magicName()
                    + "; %lsmagic lists the magics this kernel knows.");
        }
    }

    private void addToClasspath(String args, boolean jarsOnly) throws CellError {
        List<Path> paths;
        try {
            paths = ClasspathMagic.resolve(args, workingDir);
        } catch (IllegalArgumentException e) {
            throw new CellError.MagicError(jarsOnly ? e.getMessage().replace("%classpath", "%jars") : e.getMessage());
        }
        for (Path p : paths) {
            if (jarsOnly && !p.toString().endsWith(".jar")) {
                throw new CellError.MagicError("%jars: " + p + " is not a jar; use %classpath for folders.");
            }
        }
        for (Path p : paths) {
            shell.addToClasspath(p.toString());
        }
        maven.noteClasspath(paths);
    }

    private static void print(List<String> lines) {
        for (String line : lines) {
            System.out.println(line);
        }
    }

    private Result evalCode(CellSource.Part part, int count, CellRun run) throws Exception {
        String text = part.text();
        Result result = Result.NONE;
        String rest = text;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            boolean complete = c.isComplete();
            // An incomplete or unparsable rest is compiled anyway: javac says what is missing, where.
            String source = complete ? info.source() : rest;
            int offset = text.length() - rest.length();
            rest = complete ? info.remaining() : "";
            result = evalSnippet(source, text, offset, part.firstLine(), count, run,
                    c == Completeness.COMPLETE && source.stripTrailing().endsWith(";"));
            checkInterrupt(run);
        }
        return result;
    }

    private Result evalSnippet(String source, String partText, int offset, int firstLine, int count,
            CellRun run, boolean endsWithSemicolon) throws Exception {
        List<SnippetEvent> events = shell.eval(source);
        Result result = Result.NONE;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet s = e.snippet();
            remember(s, partText, offset, firstLine, count);
            JShellException thrown = e.exception();
            if (thrown != null) {
                throw runtimeError(thrown, run);
            }
            if (!e.status().isDefined()) {
                throw compileError(s, partText, offset, firstLine);
            }
            switch (s.subKind()) {
                case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND ->
                        result = endsWithSemicolon ? Result.NONE : new Result(true, execution.lastValue());
                default -> result = Result.NONE;
            }
        }
        return result;
    }

    private static final String STOPPED = "the cell was stopped (Kernel → Interrupt). "
            + "Everything it finished before that is kept.";

    private static void checkInterrupt(CellRun run) throws CellError {
        if (run.interrupted()) {
            throw new CellError.Interrupted(STOPPED);
        }
    }

    private Exception runtimeError(JShellException thrown, CellRun run) {
        String kind = thrown instanceof EvalException ee ? ee.getExceptionClassName() : "";
        if (kind.equals(InProcessExecution.INTERRUPTED)) {
            return new CellError.Interrupted(STOPPED);
        }
        if (kind.equals(InProcessExecution.UNSTOPPABLE)) {
            return new CellError.Interrupted("the cell ignores interrupts and this JDK cannot stop it, "
                    + "so it runs on in the background: restart the kernel (Kernel → Restart).");
        }
        if (run.interrupted()) {
            return new CellError.Interrupted("the cell was stopped (Kernel → Interrupt) and ended with "
                    + describe(thrown));
        }
        if (thrown instanceof UnresolvedReferenceException ure) {
            String name = ure.getSnippet().toString();
            return new CellError.CompilationError("unresolved reference",
                    List.of("CompilationError: " + name + " uses something not declared yet: "
                            + String.join(", ", shell.unresolvedDependencies(ure.getSnippet()).toList())));
        }
        Throwable t = execution.lastThrown();
        if (t == null) {
            return new CellError.CellFailure(thrown, List.of(describe(thrown)));
        }
        List<String> lines = Tracebacks.format(t, origins);
        if (t instanceof Exception ex) {
            formatted.put(ex, lines);
            return ex;
        }
        return new CellError.CellFailure(t, lines);
    }

    private static String describe(JShellException e) {
        return e instanceof EvalException ee ? ee.getExceptionClassName() + ": " + ee.getMessage() : e.toString();
    }

    /** The user's exception is re-thrown as it is (so Jupyter shows its name); its lines wait here. */
    private final Map<Throwable, List<String>> formatted = new WeakHashMap<>();

    /** The lines for an exception a cell threw, or null when this evaluator did not format it. */
    List<String> tracebackOf(Throwable t) {
        return formatted.remove(t);
    }

    private CellError compileError(Snippet s, String partText, int offset, int firstLine) {
        List<String> lines = new ArrayList<>();
        List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).toList();
        if (diags.isEmpty()) {
            String deps = s instanceof jdk.jshell.DeclarationSnippet ds
                    ? String.join(", ", shell.unresolvedDependencies(ds).toList()) : "";
            String msg = deps.isEmpty() ? "the snippet was not accepted" : "it uses what is not declared yet: " + deps;
            return new CellError.CompilationError(msg, List.of("CompilationError: " + msg));
        }
        String first = null;
        for (Diag d : diags) {
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : Math.max(0, d.getPosition());
            long end = Math.max(pos + 1, d.getEndPosition());
            int at = (int) Math.min(partText.length(), offset + pos);
            int lineIndex = lineOf(partText, at);
            int lineStart = partText.lastIndexOf('\n', at - 1) + 1;
            int lineEnd = partText.indexOf('\n', at);
            if (lineEnd < 0) {
                lineEnd = partText.length();
            }
            String[] msg = d.getMessage(Locale.ENGLISH).split("\r?\n");
            if (first == null) {
                first = msg[0];
            }
            lines.add("CompilationError: line " + (firstLine + lineIndex + 1) + ": " + msg[0]);
            lines.add("    " + partText.substring(lineStart, lineEnd));
            int width = (int) Math.max(1, Math.min(end - pos, lineEnd - at));
            lines.add("    " + " ".repeat(at - lineStart) + "^".repeat(width));
            for (int i = 1; i < msg.length; i++) {
                if (!msg[i].matches("\\s*location: class\\s*")) {
                    lines.add("    " + msg[i].strip());
                }
            }
        }
        return new CellError.CompilationError(first, lines);
    }

    /** Remembers where a snippet's code stands in the notebook, for stack traces. */
    private void remember(Snippet s, String partText, int offset, int firstLine, int count) {
        SourceCodeAnalysis.SnippetWrapper w;
        try {
            w = analysis.wrapper(s);
        } catch (RuntimeException e) {
            return;
        }
        String wrapped = w.wrapped();
        String source = w.source();
        int baseLine = firstLine + lineOf(partText, offset);
        origins.put(w.fullClassName(), wrappedLine -> {
            int pos = startOfLine(wrapped, wrappedLine);
            if (pos < 0) {
                return null;
            }
            int src = w.wrappedToSourcePosition(pos);
            if (src < 0 || src > source.length()) {
                return "cell [" + count + "]";
            }
            return "cell [" + count + "], line " + (baseLine + lineOf(source, src) + 1);
        });
    }

    /** The position of the first non-blank character of a 1-based line, or -1. */
    private static int startOfLine(String text, int line) {
        if (line < 1) {
            return -1;
        }
        int pos = 0;
        for (int l = 1; l < line; l++) {
            pos = text.indexOf('\n', pos) + 1;
            if (pos == 0) {
                return -1;
            }
        }
        while (pos < text.length() && text.charAt(pos) != '\n' && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** The 0-based line of a position. */
    static int lineOf(String text, int pos) {
        int n = 0;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** True when {@code code} ends inside a statement (so a following '%' line is Java). */
    private boolean isOpen(String code) {
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            if (info.remaining().isBlank()) {
                return false;
            }
            info = analysis.analyzeCompletion(info.remaining());
        }
        return info.completeness() != Completeness.EMPTY && info.completeness() != Completeness.UNKNOWN;
    }

    /**
     * Jupyter's is_complete: "complete", "invalid", or the indent for the next line when the cell
     * ends inside a statement.
     */
    String isComplete(String cell) {
        List<CellSource.Part> parts = CellSource.split(cell, this::isOpen);
        if (parts.isEmpty() || parts.get(parts.size() - 1).kind() != CellSource.Kind.CODE) {
            return "complete";
        }
        String code = parts.get(parts.size() - 1).text();
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY:
                return "complete";
            case UNKNOWN:
                return "invalid";
            default:
                String last = code.substring(code.lastIndexOf('\n') + 1);
                String indent = last.substring(0, last.length() - last.stripLeading().length());
                return last.stripTrailing().endsWith("{") || last.stripTrailing().endsWith("(") ? indent + "    " : indent;
        }
    }

    /** Completion candidates at {@code cursor}: the replacements, and the span they replace. */
    record Completion(List<String> candidates, int start, int end) {
    }

    Completion complete(String cell, int cursor) {
        Located at = locate(cell, cursor);
        if (at == null) {
            return new Completion(List.of(), cursor, cursor);
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(at.code, at.cursor, anchor);
        // Those that fit the expected type first; overloads share a continuation, listed once.
        Set<String> seen = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> seen.add(s.continuation()));
        suggestions.forEach(s -> seen.add(s.continuation()));
        return new Completion(new ArrayList<>(seen), at.offset + anchor[0], cursor);
    }

    /** Signatures (and Javadoc, when asked and available) of what stands at {@code cursor}. */
    String inspect(String cell, int cursor, boolean detail) {
        Located at = locate(cell, cursor);
        if (at == null) {
            return null;
        }
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(at.code, at.cursor, detail);
        if (docs.isEmpty()) {
            // A method name without its '(' yet: ask as if the call had begun.
            docs = analysis.documentation(at.code + "(", at.cursor + 1, detail);
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            sb.append(d.signature()).append('\n');
            if (detail && d.javadoc() != null) {
                sb.append(d.javadoc()).append("\n\n");
            }
        }
        return sb.toString().stripTrailing();
    }

    /** The snippet around a cursor: its code up to the cursor and where it starts in the cell. */
    private record Located(String code, int cursor, int offset) {
    }

    private Located locate(String cell, int cursor) {
        int lineStart = cell.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        if (cell.substring(lineStart, Math.min(cursor, cell.length())).stripLeading().startsWith("%")) {
            return null;
        }
        String code = cell.substring(0, Math.min(cursor, cell.length()));
        int offset = 0;
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            offset = code.length() - info.remaining().length();
            info = analysis.analyzeCompletion(info.remaining());
        }
        String tail = code.substring(offset).stripTrailing();
        if (info.completeness().isComplete() && (tail.endsWith(";") || tail.endsWith("}") || tail.length() < code.length() - offset)) {
            // The cursor stands after a finished statement: nothing to complete from.
            offset = code.length();
        }
        // Magic lines before the snippet are not Java.
        String snippet = code.substring(offset);
        StringBuilder masked = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            if (masked.length() > 0) {
                masked.append('\n');
            }
            masked.append(line.stripLeading().startsWith("%") ? " ".repeat(line.length()) : line);
        }
        return new Located(masked.toString(), masked.length(), offset);
    }

    /** Asks the running cell to stop. */
    void interrupt() {
        execution.interrupt();
    }

    @Override
    public void close() {
        shell.close();
    }
}
