package org.remotesupport.signaling.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link RecordingStore} in an S3-compatible object store (AWS S3, MinIO, Ceph, ...). The relay
 * writes into the local spool directory; {@link #commit} uploads a finished file (one PUT, or a
 * multipart upload above the part size, each part checked by the server against its MD5), compares
 * the stored size with the file's and only then deletes the spooled copy. Until then reads are served
 * from the spool, so a recording is playable the moment it stops. Objects are named
 * {@code <prefix><name>}. Thread-safe; uploads run one at a time, and a deletion waits for a running upload.
 */
public final class S3RecordingStore implements RecordingStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3RecordingStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path spool;
    private final int partSize;
    // one upload at a time: the retry of the spool and the commit of a stopping recording never race
    private final Object uploads = new Object();

    /**
     * @param s3       the client; closed with the store
     * @param prefix   put before every object name ({@code recordings/}, or empty)
     * @param spool    where the relay writes live files and finished ones wait for their upload
     * @param partSize files larger than this are uploaded in parts of this size (at least 5 MiB, S3's minimum)
     */
    public S3RecordingStore(S3Client s3, String bucket, String prefix, Path spool, int partSize) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.spool = spool.toAbsolutePath().normalize();
        this.partSize = partSize;
    }

    public Path spool() {
        return spool;
    }

    @Override
    public Optional<Long> size(String name) throws IOException {
        Optional<Long> spooled = LocalDiskRecordingStore.LocalFiles.size(spooled(name));
        if (spooled.isPresent()) {
            return spooled;
        }
        return head(name).map(HeadObjectResponse::contentLength);
    }

    @Override
    public InputStream open(String name, long offset, long length) throws IOException {
        Path file = spooled(name);
        if (Files.isRegularFile(file)) {
            try {
                return LocalDiskRecordingStore.LocalFiles.open(file, offset, length);
            } catch (java.nio.file.NoSuchFileException e) {
                // uploaded and removed from the spool just now: read the object
            }
        }
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(request -> request.bucket(bucket).key(key(name))
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new java.nio.file.NoSuchFileException(name);
            }
            throw new IOException("reading " + key(name) + " from bucket " + bucket + " failed", e);
        } catch (SdkException e) {
            throw new IOException("reading " + key(name) + " from bucket " + bucket + " failed", e);
        }
    }

    @Override
    public boolean delete(String name) throws IOException {
        // after an upload of the same name, never during one: the upload would bring the object back
        synchronized (uploads) {
            boolean spooled = Files.deleteIfExists(spooled(name));
            boolean stored = head(name).isPresent();
            try {
                // S3 deletes are idempotent: a missing object is no error
                s3.deleteObject(request -> request.bucket(bucket).key(key(name)));
            } catch (SdkException e) {
                throw new IOException("deleting " + key(name) + " from bucket " + bucket + " failed", e);
            }
            return spooled || stored;
        }
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        // through the spool: a failed upload leaves the object there for the next retry
        LocalDiskRecordingStore.LocalFiles.writeAtomically(spooled(name), content);
        try {
            commit(name);
        } catch (IOException e) {
            log.warn("{} stays in the spool until the next upload attempt: {}", name, e.getMessage());
        }
    }

    @Override
    public boolean commit(String name) throws IOException {
        Path file = spooled(name);
        synchronized (uploads) {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            long size = Files.size(file);
            try {
                if (size <= partSize) {
                    byte[] content = Files.readAllBytes(file);
                    s3.putObject(request -> request.bucket(bucket).key(key(name)).contentType(contentType(name))
                            .contentLength((long) content.length).contentMD5(md5(content, content.length)),
                            RequestBody.fromBytes(content));
                } else {
                    uploadInParts(name, file);
                }
            } catch (SdkException e) {
                throw new IOException("uploading " + name + " to bucket " + bucket + " failed", e);
            }
            long stored = head(name).map(HeadObjectResponse::contentLength).orElse(-1L);
            if (stored != size) {
                throw new IOException("the uploaded " + key(name) + " has " + stored + " bytes, the file " + size
                        + ": the file stays in the spool");
            }
            Files.deleteIfExists(file);
            log.info("{} ({} bytes) uploaded to bucket {} as {}", name, size, bucket, key(name));
            return true;
        }
    }

    @Override
    public List<String> spooled() throws IOException {
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> NAME.matcher(name).matches())
                    .sorted()
                    .toList();
        }
    }

    @Override
    public List<StoredObject> list(String after, int limit) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        String startAfter = after == null ? null : key(after);
        try {
            ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix)
                    .startAfter(startAfter).maxKeys(limit));
            for (S3Object object : page.contents()) {
                String name = object.key().substring(prefix.length());
                if (NAME.matcher(name).matches()) {
                    objects.add(new StoredObject(name, object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw new IOException("listing bucket " + bucket + " failed", e);
        }
        return objects;
    }

    @Override
    public void close() {
        s3.close();
    }

    private void uploadInParts(String name, Path file) throws IOException {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key(name))
                .contentType(contentType(name))).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[partSize];
            for (int number = 1; ; number++) {
                int length = in.readNBytes(buffer, 0, partSize);
                if (length == 0 && number > 1) {
                    break;
                }
                int part = number;
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(key(name)).uploadId(uploadId)
                                .partNumber(part).contentLength((long) length).contentMD5(md5(buffer, length)),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, length))).eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
                if (length < partSize) {
                    break;
                }
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key(name)).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (IOException | SdkException e) {
            try {
                s3.abortMultipartUpload(request -> request.bucket(bucket).key(key(name)).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    private Optional<HeadObjectResponse> head(String name) throws IOException {
        try {
            return Optional.of(s3.headObject(request -> request.bucket(bucket).key(key(name))));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("asking bucket " + bucket + " for " + key(name) + " failed", e);
        } catch (SdkException e) {
            throw new IOException("asking bucket " + bucket + " for " + key(name) + " failed", e);
        }
    }

    private Path spooled(String name) {
        return LocalDiskRecordingStore.LocalFiles.resolve(spool, name);
    }

    private String key(String name) {
        return prefix + name;
    }

    private static String contentType(String name) {
        return name.endsWith(".webm") ? "video/webm" : "application/json";
    }

    private static String md5(byte[] content, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(content, 0, length);
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
