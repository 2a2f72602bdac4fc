package lenet5.kernel;

import java.awt.image.RenderedImage;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

/**
 * The course's Jupyter kernel for Java: JShell in this JVM, on IJava's protocol library.
 *
 * <p>Started by Jupyter as {@code java -cp … lenet5.kernel.JavaKernel <connection file>}. The
 * environment variable {@value #CLASSPATH_ENV} lists the jars every cell can use (globs and
 * {@code dir/*} allowed, separated by the platform's path separator).
 */
public final class JavaKernel extends BaseKernel {

    /** The kernelspec's classpath for cells. */
    public static final String CLASSPATH_ENV = "LENET5_KERNEL_CLASSPATH";
    /** Bytes one cell may print on each of stdout and stderr. */
    static final long OUTPUT_LIMIT = 2L << 20;
    private static final long SEND_EVERY_MILLIS = 100;

    private static volatile JavaKernel running;

    private final CellHistory history = new CellHistory();
    private volatile ShellReplyEnvironment cellEnv;

    private final CellOutput out;
    private final CellOutput err;
    private final CompletableFuture<CellEvaluator> evaluator;
    /** Completed by an interrupt of the cell being run; null between cells. */
    private volatile CompletableFuture<Void> stopRequest;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
            r -> InProcessExecution.daemon(r, "output-sender"));
    /** Native memory is given back after 2 s idle: longer than the pause between cells run in a row. */
    private final IdleTrim idleTrim = new IdleTrim(sender, 2000);

    JavaKernel(List<Path> classpath, Path workingDir, PrintStream log, InProcessExecution execution) {
        this.out = new CellOutput(log, OUTPUT_LIMIT);
        this.err = new CellOutput(log, OUTPUT_LIMIT);
        Image.registerAll(getRenderer());
        // System.out and System.err become the cells' streams for good (text printed between cells
        // goes to the log); the base library would swap them around every execute request instead.
        setShouldReplaceStdStreams(false);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        // JShell starts in the background, so the first kernel_info reply does not wait for javac;
        // on a thread of its own that ends with it (the common pool's would linger after shutdown).
        this.evaluator = CompletableFuture.supplyAsync(
                () -> new CellEvaluator(classpath, workingDir, log, execution),
                r -> InProcessExecution.daemon(r, "jshell-start").start());
        sender.scheduleWithFixedDelay(this::sendOutput, SEND_EVERY_MILLIS, SEND_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        running = this;
    }

    /** The kernel of this JVM; notebook code calls it through {@link Display}. */
    static JavaKernel running() {
        JavaKernel k = running;
        if (k == null) {
            throw new IllegalStateException("No Java kernel runs in this JVM: display() works only in a notebook.");
        }
        return k;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (JShell) — the LeNet-5 in Java course's kernel";
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        int count = executionCount.get() - 1;
        CompletableFuture<Void> stop = new CompletableFuture<>();
        stopRequest = stop;
        idleTrim.cellStarted();
        try {
            return eval(code, count, stop);
        } finally {
            stopRequest = null;
            idleTrim.cellEnded();
        }
    }

    private DisplayData eval(String code, int count, CompletableFuture<Void> stop) throws Exception {
        if (!evaluator.isDone()) {
            // The first cell may wait seconds for JShell to start; an interrupt meanwhile ends the wait.
            CompletableFuture.anyOf(evaluator, stop).exceptionally(e -> null).get();
            if (stop.isDone()) {
                throw new CellError.Interrupted("the cell was stopped (Kernel → Interrupt) while Java was "
                        + "still starting; none of it ran.");
            }
        }
        CellEvaluator shell = evaluator();
        out.attach(text -> publish(getIO().out, text));
        err.attach(text -> publish(getIO().err, text));
        DisplayData shown = null;
        try {
            CellEvaluator.Result r = shell.eval(code, count, stop::isDone);
            if (r.hasValue()) {
                shown = r.value() == null ? new DisplayData("null") : render(r.value());
            }
            return shown;
        } finally {
            Object text = shown == null ? null : shown.getData(MIMEType.TEXT_PLAIN);
            history.add(count, code, text == null ? null : text.toString());
            out.detach();
            err.detach();
        }
    }

    private CellEvaluator evaluator() throws Exception {
        try {
            return evaluator.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
        }
    }

    private static void publish(PrintStream jupyterStream, String text) {
        synchronized (jupyterStream) {
            jupyterStream.print(text);
            jupyterStream.flush();
        }
    }

    private void sendOutput() {
        out.send();
        err.send();
    }

    DisplayData render(Object value, String... mimeTypes) {
        DisplayData data = renderData(value, mimeTypes);
        if (value instanceof RenderedImage image) {
            // Text-only viewers would otherwise show BufferedImage's toString, a dump of its colour model.
            data.putText("image " + image.getWidth() + "×" + image.getHeight());
        }
        return data;
    }

    private DisplayData renderData(Object value, String... mimeTypes) {
        if (value instanceof DisplayData d) {
            return d;
        }
        if (mimeTypes.length == 0) {
            return getRenderer().render(value);
        }
        if (value instanceof CharSequence text) {
            DisplayData data = new DisplayData();
            for (String mime : mimeTypes) {
                data.putData(mime, text.toString());
            }
            return data;
        }
        return getRenderer().renderAs(value, mimeTypes);
    }

    /** Shows rich output after the text the cell printed before it. */
    void publishDisplay(DisplayData data) {
        sendOutput();
        getIO().display.display(data);
    }

    void publishUpdate(String id, DisplayData data) {
        sendOutput();
        getIO().display.updateDisplay(id, data);
    }

    void clearOutput(boolean wait) {
        ShellReplyEnvironment env = cellEnv;
        if (env != null) {
            sendOutput();
            env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
        }
    }

    @Override
    public HistoryManager getHistoryManager() {
        return history;
    }

    /**
     * Replaces the base library's kernel_info and history replies, which lack the "status" field
     * that the messaging spec requires.
     */
    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        // The running cell's reply environment, for messages the base library has no call for.
        ShellHandler<ExecuteRequest> execute = connection.getHandler(MessageType.EXECUTE_REQUEST);
        connection.setHandler(MessageType.EXECUTE_REQUEST, (env, request) -> {
            cellEnv = env;
            try {
                execute.handle(env, request);
            } finally {
                cellEnv = null;
            }
        });
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, request) -> {
            env.setBusyDeferIdle();
            env.reply(new KernelInfo(this));
        });
        connection.setHandler(MessageType.HISTORY_REQUEST, (env, request) -> {
            env.setBusyDeferIdle();
            env.reply(new History(lookUp(request.getContent())));
        });
    }

    private List<HistoryEntry> lookUp(HistoryRequest r) {
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (r.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        if (r instanceof HistoryRequest.Tail t) {
            return history.lookupTail(t.getMaxReturnLength(), flags);
        }
        if (r instanceof HistoryRequest.Range g) {
            return history.lookupRange(g.getSessionIndex(), g.getStart(), g.getStop(), flags);
        }
        if (r instanceof HistoryRequest.Search s) {
            if (s.filterUnique()) {
                flags.add(HistoryManager.ResultFlag.UNIQUE);
            }
            return history.search(s.getPattern(), s.getMaxReturnLength(), flags);
        }
        return List.of();
    }

    /** history_reply as the spec has it: a status, and entries as (session, line, input[, output]) tuples. */
    private static final class History implements ContentType<History> {
        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";
        private final List<List<Object>> history = new ArrayList<>();

        History(List<HistoryEntry> entries) {
            for (HistoryEntry e : entries) {
                Object io = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), io));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public MessageType<History> getType() {
            return (MessageType<History>) (MessageType<?>) MessageType.HISTORY_REPLY;
        }
    }

    /** kernel_info_reply with its status. */
    private static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";

        KernelInfo(JavaKernel k) {
            super(Header.PROTOCOL_VERISON, "lenet5-java-kernel", "1.0", k.getLanguageInfo(), k.getBanner(), k.getHelpLinks());
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) throws Exception {
        CellEvaluator.Completion c = evaluator().complete(code, at);
        return new ReplacementOptions(c.candidates(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        try {
            String r = evaluator().isComplete(code);
            return switch (r) {
                case "complete" -> IS_COMPLETE_YES;
                case "invalid" -> IS_COMPLETE_BAD;
                default -> r;
            };
        } catch (Exception e) {
            return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) throws Exception {
        String doc = evaluator().inspect(code, at, extraDetail);
        return doc == null ? null : new DisplayData(doc);
    }

    @Override
    public void interrupt() {
        // The request first, the running cell second: a cell between the two checks sees one of them.
        CompletableFuture<Void> stop = stopRequest;
        if (stop != null) {
            stop.complete(null);
        }
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().interrupt();
        }
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellError ce) {
            return ce.lines();
        }
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            List<String> lines = evaluator.join().tracebackOf(e);
            if (lines != null) {
                return lines;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(e.toString());
        return lines;
    }

    /** Shutdown and restart alike: nothing of this kernel may outlive the JVM's exit. */
    @Override
    public void onShutdown(boolean isRestarting) {
        close();
    }

    /**
     * Ends the running cell and closes JShell, its threads and the output pump. JShell still
     * starting is closed as soon as it is up.
     */
    void close() {
        sender.shutdownNow();
        sendOutput();
        evaluator.thenAccept(CellEvaluator::close);
        running = null;
    }

    /**
     * The process that started this kernel: the one jupyter_client names in JPY_PARENT_PID, else our
     * parent. Read first thing in main, so a frontend killed while the JVM starts is still seen.
     *
     * @return empty when that process is already gone
     */
    private static Optional<ProcessHandle> frontend() {
        String named = System.getenv("JPY_PARENT_PID");
        if (named != null && named.matches("\\d+")) {
            return ProcessHandle.of(Long.parseLong(named));
        }
        return ProcessHandle.current().parent();
    }

    /** Ends the JVM when the process that started it is gone, so no kernel outlives its frontend. */
    private static void exitWithParent(Optional<ProcessHandle> frontend, JavaKernel kernel, PrintStream log) {
        CompletableFuture<?> gone = frontend.map(p -> (CompletableFuture<?>) p.onExit())
                .orElse(CompletableFuture.completedFuture(null));
        gone.thenRun(() -> {
            log.println("lenet5 kernel: the process that started this kernel is gone; exiting.");
            kernel.close();
            System.exit(0);
        });
    }

    /** Starts the kernel on a Jupyter connection file. */
    public static void main(String[] args) throws Exception {
        Optional<ProcessHandle> frontend = frontend();
        PrintStream log = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (args.length != 1) {
            log.println("usage: java -cp <kernel jars> lenet5.kernel.JavaKernel <connection file>");
            System.exit(2);
        }
        String connection;
        try {
            connection = Files.readString(Path.of(args[0]));
        } catch (NoSuchFileException e) {
            log.println("lenet5 kernel: connection file not found: " + args[0]);
            System.exit(2);
            return;
        }
        Logger.getLogger("").setLevel(Level.WARNING);
        Path workingDir = Path.of("").toAbsolutePath();
        List<Path> classpath;
        try {
            classpath = ClasspathMagic.resolvePathList(System.getenv(CLASSPATH_ENV), workingDir);
        } catch (IllegalArgumentException e) {
            log.println("lenet5 kernel: " + CLASSPATH_ENV + " names something missing: " + e.getMessage()
                    + " Run 'make setup' in the course folder.");
            classpath = List.of();
        }
        JavaKernel kernel = new JavaKernel(classpath, workingDir, log, new InProcessExecution());
        JupyterConnection conn = new GuardedConnection(KernelConnectionProperties.parse(connection));
        kernel.becomeHandlerForConnection(conn);
        conn.connect();
        exitWithParent(frontend, kernel, log);
        conn.waitUntilClose();
        kernel.close();
        System.exit(0);
    }
}
