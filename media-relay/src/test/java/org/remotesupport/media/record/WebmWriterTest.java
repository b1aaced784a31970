package org.remotesupport.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real VP8 frames (encoded by Debian's ffmpeg/libvpx, about two keyframes a second) go through the writer:
 * a finished file states its duration, carries Cues that mkvtoolnix lists and ffmpeg seeks with, and
 * a file whose writer never finished (a killed relay) still decodes.
 */
class WebmWriterTest {

    private static final int SECONDS = 8;
    private static final int FPS = 25;
    // about two keyframes a second: some begin a cluster, others fall inside one
    private static final int KEYFRAME_EVERY = 12;

    @TempDir
    static Path directory;

    private static List<Frame> frames;

    private record Frame(long timeMs, boolean keyframe, byte[] data) {
    }

    @BeforeAll
    static void encode() throws Exception {
        Path ivf = directory.resolve("source.ivf");
        Result encoded = run("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=" + FPS + ":duration=" + SECONDS, "-c:v", "libvpx", "-g", String.valueOf(KEYFRAME_EVERY),
                "-b:v", "300k", "-deadline", "realtime", "-cpu-used", "8", "-f", "ivf", ivf.toString());
        assertThat(encoded.exit).as("ffmpeg encoding: %s", encoded.err).isZero();
        frames = readIvf(ivf);
        assertThat(frames).hasSize(SECONDS * FPS);
    }

    @Test
    void aFinishedFileStatesItsDurationHasCuesAndSeeksToALateTime() throws Exception {
        Path file = directory.resolve("finished.webm");
        int cues;
        try (WebmWriter writer = new WebmWriter(file, false)) {
            writeAll(writer, frames.size());
            writer.finish(writer.lastFrameMs() + 1000 / FPS);
            cues = writer.cueCount();
        }
        // one seek point per keyframe, whether it begins a cluster or not
        long keyframes = frames.stream().filter(Frame::keyframe).count();
        assertThat(keyframes).isGreaterThan(SECONDS);
        assertThat(cues).isEqualTo(keyframes);

        Result format = run("ffprobe", "-v", "warning", "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1", file.toString());
        assertThat(format.err).as("ffprobe's warnings").isEmpty();
        assertThat(Double.parseDouble(format.out.trim())).isCloseTo(SECONDS, org.assertj.core.data.Offset.offset(0.05));

        Result info = run("mkvinfo", "--all", file.toString());
        assertThat(info.exit).as("mkvinfo: %s", info.out).isZero();
        assertThat(info.out).contains("Seek head").contains("(KaxCues)").contains("Cues");
        assertThat(countOf(info.out, "Cue point")).isEqualTo((int) keyframes);
        assertThat(info.out).doesNotContain("unknown size");

        Result late = run("ffmpeg", "-nostdin", "-v", "error", "-ss", String.valueOf(SECONDS - 1.5), "-i", file.toString(),
                "-frames:v", "10", "-f", "null", "-");
        assertThat(late.exit).isZero();
        assertThat(late.err).as("ffmpeg's errors decoding after a seek").isEmpty();
        Result all = run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        assertThat(all.err).as("ffmpeg's errors decoding the whole file").isEmpty();
    }

    @Test
    void aFileWhoseWriterNeverFinishedStillPlays() throws Exception {
        Path file = directory.resolve("killed.webm");
        WebmWriter writer = new WebmWriter(file, true);
        writeAll(writer, frames.size() / 2);
        // a killed relay: complete clusters are on disk, the open one, the Cues and the sizes are not
        writer.close();

        Result all = run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        assertThat(all.exit).isZero();
        assertThat(all.err).as("ffmpeg's errors decoding the cut file").isEmpty();
        Result packets = run("ffprobe", "-v", "error", "-count_packets", "-show_entries", "stream=nb_read_packets",
                "-of", "default=noprint_wrappers=1:nokey=1", file.toString());
        // at most the last (open) cluster of two seconds is lost
        assertThat(Integer.parseInt(packets.out.trim())).isBetween(frames.size() / 2 - 2 * FPS, frames.size() / 2);
    }

    private static void writeAll(WebmWriter writer, int count) throws IOException {
        writer.writeHeader(List.of(new WebmWriter.Track(1, true, "camera", 320, 240)), null);
        for (Frame frame : frames.subList(0, count)) {
            writer.writeFrame(1, frame.timeMs, frame.keyframe, frame.data, 0, frame.data.length, frame.keyframe);
        }
    }

    private static List<Frame> readIvf(Path ivf) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(ivf)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = in.getShort(6);
        long rate = in.getInt(16);
        long scale = in.getInt(20);
        in.position(headerLength);
        List<Frame> list = new ArrayList<>();
        while (in.remaining() >= 12) {
            int size = in.getInt();
            long pts = in.getLong();
            byte[] data = new byte[size];
            in.get(data);
            // VP8's frame tag: bit 0 clear on a keyframe
            list.add(new Frame(pts * 1000 * scale / rate, (data[0] & 1) == 0, data));
        }
        return list;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // the error stream is read on its own thread so that neither pipe can fill up and block the tool
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command[0] + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }
}
