package org.remotesupport.bench.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child side of the benchmark's control channel: reads one JSON command per line from standard
 * input, hands it to a {@link Handler} on the calling thread and writes the reply (with the
 * command's {@code id}) as one JSON line to standard output; {@link #event} writes unsolicited lines
 * from any thread. Standard input and output are used instead of a socket so that a system under
 * test opens no port besides the one it forwards media on.
 */
public final class StdioControl {

    /** Runs one command and returns the fields of its reply; a thrown exception becomes an error reply. */
    @FunctionalInterface
    public interface Handler {
        ObjectNode handle(String op, JsonNode command) throws Exception;
    }

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;

    public StdioControl() {
        // log output goes to standard error; this stream carries protocol lines only
        this.out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** Writes an unsolicited line (an event or the start-up line). */
    public void event(ObjectNode event) {
        String line;
        try {
            line = json.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }

    /** Serves commands until standard input closes. */
    public void serve(Handler handler) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode command = json.readTree(line);
            ObjectNode reply;
            try {
                reply = handler.handle(command.path("op").asText(), command);
                if (reply == null) {
                    reply = object();
                }
                reply.put("ok", true);
            } catch (Exception e) {
                reply = object();
                reply.put("ok", false);
                reply.put("error", String.valueOf(e.getMessage()));
            }
            reply.set("id", command.get("id"));
            event(reply);
        }
    }
}
