package lenet5.kernel;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import io.github.spencerpark.jupyter.kernel.ExpressionValue;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.ReplyType;
import io.github.spencerpark.jupyter.messages.adapters.ExpressionValueAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HeaderAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HistoryEntryAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HistoryRequestAdapter;
import io.github.spencerpark.jupyter.messages.adapters.KernelTimestampAdapter;
import io.github.spencerpark.jupyter.messages.adapters.MessageTypeAdapter;
import io.github.spencerpark.jupyter.messages.adapters.PublishStatusAdapter;
import io.github.spencerpark.jupyter.messages.adapters.ReplyTypeAdapter;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

/**
 * Turns the frames of one incoming Jupyter message into a {@link Message}, or refuses it.
 *
 * <p>Replaces the base library's {@code JupyterSocket.readMessage}, which throws out of its
 * channel's loop on a bad signature or bad JSON (ending the channel's thread) and compares
 * signatures with {@code String.equals}. Here the signature is compared in constant time and
 * every fault is a {@link BadMessage} the caller drops.
 */
final class SignedMessages {

    /** A message that is not signed with the connection's key, or that does not parse. */
    static final class BadMessage extends Exception {
        BadMessage(String why) {
            super(why, null, false, false);
        }
    }

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Type JSON_MAP = new TypeToken<Map<String, Object>>() { }.getType();
    // The base library's own adapters, registered as its JupyterSocket does.
    private static final Gson REPLY_GSON = new GsonBuilder()
            .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
            .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
            .create();
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(PublishStatus.class, PublishStatusAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .registerTypeHierarchyAdapter(ReplyType.class, new ReplyTypeAdapter(REPLY_GSON))
            .create();

    private final HMACGenerator signer;

    /** @param signer the connection's; its empty signature means the connection has no key */
    SignedMessages(HMACGenerator signer) {
        this.signer = signer;
    }

    /**
     * The message in {@code frames} (identities, delimiter, signature, header, parent header,
     * metadata, content, buffers).
     *
     * @throws BadMessage saying what is wrong, in one line
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Message<?> decode(List<byte[]> frames) throws BadMessage {
        int d = 0;
        while (d < frames.size() && !Arrays.equals(DELIMITER, frames.get(d))) {
            d++;
        }
        if (d + 6 > frames.size()) {
            throw new BadMessage("not a Jupyter message (" + frames.size() + " frames, no <IDS|MSG> and five parts after it)");
        }
        byte[] header = frames.get(d + 2);
        byte[] parent = frames.get(d + 3);
        byte[] metadata = frames.get(d + 4);
        byte[] content = frames.get(d + 5);
        byte[] expected = signer.calculateSignature(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
        if (expected.length > 0 && !MessageDigest.isEqual(expected, frames.get(d + 1))) {
            throw new BadMessage("wrong or missing signature");
        }
        try {
            Header<?> h = GSON.fromJson(utf8(header), Header.class);
            if (h == null || h.getType() == null) {
                throw new BadMessage("no header");
            }
            Header<?> parentHeader = null;
            JsonElement p = new JsonParser().parse(utf8(parent)); // gson 2.8.5: no static parseString yet
            if (p.isJsonObject() && p.getAsJsonObject().size() > 0) {
                parentHeader = GSON.fromJson(p, Header.class);
            }
            Map<String, Object> meta = GSON.fromJson(utf8(metadata), JSON_MAP);
            Object body = GSON.fromJson(utf8(content), h.getType().getContentType());
            if (body instanceof ErrorReply) {
                h = new Header<>(h.getId(), h.getUsername(), h.getSessionId(), h.getTimestamp(), h.getType().error(), h.getVersion());
            }
            List<byte[]> identities = new ArrayList<>(frames.subList(0, d));
            List<byte[]> buffers = new ArrayList<>(frames.subList(d + 6, frames.size()));
            return new Message(identities, h, parentHeader, meta, body, buffers);
        } catch (RuntimeException e) {
            throw new BadMessage("does not parse: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
