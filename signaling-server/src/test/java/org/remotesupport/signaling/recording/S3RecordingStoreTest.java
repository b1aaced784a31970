package org.remotesupport.signaling.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotesupport.testsupport.s3.S3ProxyServer;
import org.springframework.util.unit.DataSize;

/**
 * The store contract against a real S3-compatible server (S3Proxy, path-style, signature v4), with
 * the smallest part size so that large files go up in several parts; plus what only object storage
 * has: a failed upload leaves the file in the spool, and the next attempt uploads it.
 */
class S3RecordingStoreTest extends RecordingStoreContract {

    private static final String BUCKET = "recordings-test";

    @TempDir
    Path spool;

    private final S3ProxyServer s3 = S3ProxyServer.sharedServer();
    private final List<S3RecordingStore> opened = new ArrayList<>();
    private S3RecordingStore store;

    @BeforeEach
    void emptyBucket() {
        s3.createBucket(BUCKET);
        store = open(BUCKET);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3RecordingStore::close);
    }

    @Override
    RecordingStore store() {
        return store;
    }

    @Override
    Path spool() {
        return spool;
    }

    @Override
    RecordingStore restarted() {
        return open(BUCKET);
    }

    @Test
    void aFailedUploadLeavesTheFileInTheSpoolUntilAnUploadSucceeds() throws IOException {
        byte[] content = spoolFile("retry.webm", 20_000);
        S3RecordingStore missingBucket = open("no-such-bucket");

        assertThatThrownBy(() -> missingBucket.commit("retry.webm")).isInstanceOf(IOException.class);
        assertThat(missingBucket.spooled()).containsExactly("retry.webm");
        // still served, from the spool
        assertThat(read(missingBucket, "retry.webm", 0, content.length)).isEqualTo(content);

        assertThat(store.commit("retry.webm")).isTrue();
        assertThat(store.spooled()).isEmpty();
        assertThat(read(store, "retry.webm", 0, content.length)).isEqualTo(content);
    }

    @Test
    void objectsCarryThePrefix() throws IOException {
        S3RecordingStore unprefixed = new S3RecordingStore(client(), BUCKET, "", spool, 5 * 1024 * 1024);
        opened.add(unprefixed);
        store.write(RecordingStore.timelineName("p1"), new byte[] {'{', '}'});
        // the prefix is part of the key: the same name without it is another object
        assertThat(unprefixed.size(RecordingStore.timelineName("p1"))).isEmpty();
        assertThat(store.size(RecordingStore.timelineName("p1"))).contains(2L);
    }

    private S3RecordingStore open(String bucket) {
        S3RecordingStore opened = S3Stores.create(new RecordingProperties.S3(s3.endpoint(), s3.region(), bucket, true,
                s3.accessKey(), s3.secretKey(), "recordings/", DataSize.ofMegabytes(5)), spool);
        this.opened.add(opened);
        return opened;
    }

    private software.amazon.awssdk.services.s3.S3Client client() {
        return software.amazon.awssdk.services.s3.S3Client.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.of(s3.region()))
                .endpointOverride(s3.endpoint()).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }
}
