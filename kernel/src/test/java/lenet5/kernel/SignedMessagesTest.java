package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;

class SignedMessagesTest {

    private static final String HEADER = "{\"msg_id\":\"1\",\"username\":\"u\",\"session\":\"s\","
            + "\"date\":\"2026-12-06T10:00:00.000Z\",\"msg_type\":\"execute_request\",\"version\":\"5.3\"}";
    private static final String CONTENT = "{\"code\":\"1+1\",\"silent\":false,\"store_history\":true,"
            + "\"user_expressions\":{},\"allow_stdin\":false,\"stop_on_error\":true}";

    private static List<byte[]> frames(String signature, String header, String content) {
        List<byte[]> f = new ArrayList<>();
        for (String s : new String[] {"client-id", "<IDS|MSG>", signature, header, "{}", "{}", content}) {
            f.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    private static String sign(HMACGenerator signer, String header, String content) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        return signer.calculateSignature(header.getBytes(StandardCharsets.UTF_8), empty, empty,
                content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedRequestDecodes() throws Exception {
        HMACGenerator signer = new HMACGenerator("hmac-sha256", "secret");
        Message<?> m = new SignedMessages(signer).decode(frames(sign(signer, HEADER, CONTENT), HEADER, CONTENT));
        assertEquals(MessageType.EXECUTE_REQUEST, m.getHeader().getType());
        assertEquals("1+1", ((ExecuteRequest) m.getContent()).getCode());
        assertEquals(1, m.getIdentities().size());
    }

    @Test
    void unsignedWronglySignedAndTamperedRequestsAreRefused() throws Exception {
        HMACGenerator signer = new HMACGenerator("hmac-sha256", "secret");
        SignedMessages messages = new SignedMessages(signer);
        String good = sign(signer, HEADER, CONTENT);
        assertThrows(SignedMessages.BadMessage.class, () -> messages.decode(frames("", HEADER, CONTENT)));
        String other = sign(new HMACGenerator("hmac-sha256", "guess"), HEADER, CONTENT);
        assertThrows(SignedMessages.BadMessage.class, () -> messages.decode(frames(other, HEADER, CONTENT)));
        String tampered = CONTENT.replace("1+1", "System.exit(0)");
        SignedMessages.BadMessage e = assertThrows(SignedMessages.BadMessage.class,
                () -> messages.decode(frames(good, HEADER, tampered)));
        assertEquals("wrong or missing signature", e.getMessage());
    }

    @Test
    void signedGarbageAndBrokenFramingAreRefusedNotThrown() throws Exception {
        HMACGenerator signer = new HMACGenerator("hmac-sha256", "secret");
        SignedMessages messages = new SignedMessages(signer);
        String notJson = "{not json";
        SignedMessages.BadMessage e = assertThrows(SignedMessages.BadMessage.class,
                () -> messages.decode(frames(sign(signer, notJson, CONTENT), notJson, CONTENT)));
        assertTrue(e.getMessage().startsWith("does not parse"), e.getMessage());
        List<byte[]> noDelimiter = frames("x", HEADER, CONTENT);
        noDelimiter.remove(1);
        assertThrows(SignedMessages.BadMessage.class, () -> messages.decode(noDelimiter));
        assertThrows(SignedMessages.BadMessage.class, () -> messages.decode(frames("x", HEADER, CONTENT).subList(0, 4)));
    }

    @Test
    void withoutAKeyEveryWellFormedMessageIsAccepted() throws Exception {
        Message<?> m = new SignedMessages(HMACGenerator.NO_AUTH_INSTANCE).decode(frames("", HEADER, CONTENT));
        assertEquals(MessageType.EXECUTE_REQUEST, m.getHeader().getType());
    }
}
