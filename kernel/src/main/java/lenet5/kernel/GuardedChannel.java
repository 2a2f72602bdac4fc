package lenet5.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.zeromq.ZMQ;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.Loop;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;

/**
 * The shell or control channel, serving on whatever arrives: a message that is unsigned, wrongly
 * signed or unparsable is dropped with one line in the log, and the channel reads the next.
 *
 * <p>Own loop because the base library's {@code ShellChannel} loop has no error handler: one
 * bad message ends its thread and the kernel stops answering.
 */
final class GuardedChannel extends ShellChannel {

    private static final long POLL_MILLIS = 50;

    private final boolean control;
    private final JupyterConnection connection;
    private final SignedMessages messages;
    private final ZMQ.Context context;
    private volatile Loop loop;

    GuardedChannel(ZMQ.Context context, HMACGenerator signer, boolean control, JupyterConnection connection) {
        super(context, signer, control, connection);
        this.context = context;
        this.control = control;
        this.connection = connection;
        this.messages = new SignedMessages(signer);
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        String name = control ? "control" : "shell";
        bind(formatAddress(props.getTransport(), props.getIp(), control ? props.getControlPort() : props.getShellPort()));
        ZMQ.Poller poller = context.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        loop = new Loop("lenet5-" + name, POLL_MILLIS, () -> {
            if (poller.poll(0) > 0) {
                serveOne(name);
            }
        });
        loop.start();
    }

    /** Reads one message, all its frames, and hands it to its handler; drops it when it is bad. */
    private void serveOne(String name) {
        List<byte[]> frames = new ArrayList<>();
        do {
            frames.add(recv());
        } while (hasReceiveMore());
        Message<?> message;
        try {
            message = messages.decode(frames);
        } catch (SignedMessages.BadMessage e) {
            logger.warning("lenet5 kernel: dropped a message on the " + name + " channel: " + e.getMessage());
            return;
        }
        handle(message);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(Message message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            logger.warning("lenet5 kernel: no handler for " + message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            logger.log(Level.SEVERE, "lenet5 kernel: handling " + message.getHeader().getType().getName() + " failed: " + e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    @Override
    public void close() {
        Loop l = loop;
        if (l != null) {
            l.shutdown();
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Loop l = loop;
        if (l != null && l != Thread.currentThread()) {
            try {
                l.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
