package org.remotesupport.app.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Debian's ffmpeg says about a media file: whether it decodes without an error
 * ({@code ffmpeg -v error -i file -enc_time_base:v -1 -f null -}), its streams and duration
 * ({@code ffprobe}), and whether it is seekable (cues listed by mkvtoolnix's {@code mkvinfo}).
 * Blocks the calling thread while the tools run.
 */
final class MediaProbe {

    /** One stream as ffprobe reports it; {@code startTime} and {@code endTime} in seconds. */
    record Stream(String type, String codec, int width, int height, double startTime, double endTime) {
    }

    /** The streams, the container's duration (NaN if it states none) and ffmpeg's decoding errors (empty if none). */
    record Report(List<Stream> streams, double duration, String decodeErrors, int decodeExit) {

        List<Stream> ofType(String type) {
            return streams.stream().filter(s -> s.type().equals(type)).toList();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaProbe() {
    }

    static Report probe(Path file) throws IOException, InterruptedException {
        // Every frame is decoded; the null output keeps the file's millisecond time base. Without
        // -enc_time_base it would round variable-rate video (WebRTC's frame times follow the camera) to
        // the frame rate it guesses and report two frames in one 1/30 s slot as a muxer error, which
        // says nothing about the file: the decoders themselves report nothing.
        Result decode = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-enc_time_base:v", "-1",
                "-f", "null", "-"));
        Result info = run(List.of("ffprobe", "-v", "error", "-show_entries",
                "format=duration:stream=index,codec_type,codec_name,width,height,start_time", "-of", "json",
                file.toString()));
        JsonNode root = JSON.readTree(info.out);
        // the last packet of each stream gives its end: a file cut by a crash has no stated duration
        Result packets = run(List.of("ffprobe", "-v", "error", "-show_entries", "packet=stream_index,pts_time,duration_time",
                "-of", "json", file.toString()));
        JsonNode packetList = JSON.readTree(packets.out).path("packets");
        List<Stream> streams = new ArrayList<>();
        for (JsonNode stream : root.path("streams")) {
            int index = stream.path("index").asInt();
            double end = 0;
            for (JsonNode packet : packetList) {
                if (packet.path("stream_index").asInt() == index) {
                    end = Math.max(end, packet.path("pts_time").asDouble() + packet.path("duration_time").asDouble(0));
                }
            }
            streams.add(new Stream(stream.path("codec_type").asText(), stream.path("codec_name").asText(),
                    stream.path("width").asInt(), stream.path("height").asInt(),
                    stream.path("start_time").asDouble(Double.NaN), end));
        }
        JsonNode duration = root.path("format").path("duration");
        return new Report(streams, duration.isMissingNode() ? Double.NaN : duration.asDouble(Double.NaN),
                decode.err.trim(), decode.exit);
    }

    /**
     * Whether a player can seek in the file without scanning it: ffprobe's warnings while reading the
     * container's duration (empty if none), the cue points mkvtoolnix's {@code mkvinfo} lists, and
     * ffmpeg's errors decoding from a late time ({@code -ss}, empty if none).
     */
    record Seeking(String formatWarnings, double statedDuration, int cuePoints, boolean segmentSizeKnown,
                   String seekErrors, int seekExit) {
    }

    static Seeking seeking(Path file, double seekToSeconds) throws IOException, InterruptedException {
        Result format = run(List.of("ffprobe", "-v", "warning", "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1", file.toString()));
        Result info = run(List.of("mkvinfo", "--all", file.toString()));
        int cues = 0;
        boolean sizeKnown = false;
        for (String line : info.out.split("\n")) {
            if (line.contains("+ Cue point")) {
                cues++;
            }
            if (line.startsWith("+ Segment: size ") && !line.contains("unknown")) {
                sizeKnown = true;
            }
        }
        Result seek = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-ss", String.valueOf(seekToSeconds),
                "-i", file.toString(), "-frames:v", "10", "-enc_time_base:v", "-1", "-f", "null", "-"));
        double duration;
        try {
            duration = Double.parseDouble(format.out.trim());
        } catch (NumberFormatException e) {
            duration = Double.NaN;
        }
        return new Seeking(format.err.trim(), duration, cues, sizeKnown, seek.err.trim(), seek.exit);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        // both pipes are read to their end before waiting, so a full pipe never blocks the tool
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
