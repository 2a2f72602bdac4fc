package lenet5.kernel;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import org.zeromq.ZMQ;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;

/**
 * The base library's connection with the shell and control channels replaced by
 * {@link GuardedChannel}s, so that no bad message stops the kernel.
 *
 * <p>The stdin channel stays the base library's: this kernel never reads from it (cells get no
 * {@code input_request}), so nothing sent there is ever parsed.
 */
final class GuardedConnection extends JupyterConnection {

    private final KernelConnectionProperties props;
    /** The guarded channels' own context: the base connection's is private to it. */
    private final ZMQ.Context context = ZMQ.context(1);
    private final GuardedChannel guardedShell;
    private final GuardedChannel guardedControl;
    private boolean connected;

    GuardedConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.props = props;
        HMACGenerator signer = props.createHMACGenerator();
        this.guardedShell = new GuardedChannel(context, signer, false, this);
        this.guardedControl = new GuardedChannel(context, signer, true, this);
    }

    @Override
    public void connect() {
        if (connected) {
            return;
        }
        heartbeat.bind(props);
        guardedShell.bind(props);
        guardedControl.bind(props);
        stdin.bind(props);
        iopub.bind(props);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    @Override
    public void close() {
        guardedShell.close();
        guardedControl.close();
        super.close();
        context.close();
    }

    @Override
    public void waitUntilClose() {
        guardedShell.waitUntilClose();
        guardedControl.waitUntilClose();
        super.waitUntilClose();
    }
}
