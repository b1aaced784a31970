package org.remotesupport.signaling.recording;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of session recording, bound from {@code remote-support.recording.*} and checked at start-up.
 *
 * @param enabled             whether agents may ask to record sessions (the customer is always asked first)
 * @param directory           where the relay writes recordings; with {@code storage: local} also where they are
 *                            kept, with {@code s3} the spool finished recordings wait in until they are uploaded;
 *                            relative paths are resolved against the working directory
 * @param storage             where recordings are kept: {@code local} (the directory) or {@code s3}
 * @param s3                  the object store, for {@code storage: s3}
 * @param uploadRetryInterval with {@code s3}, how often recordings left in the spool (a failed upload, a crash)
 *                            are uploaded again; also done at start-up
 * @param retention           recordings that ended longer ago are deleted (media, timeline and index entry)
 * @param purgeInterval       how often expired recordings are looked for
 * @param queueCapacity       packets a recording may fall behind forwarding before packets are left out
 *                            (counted in {@code relay.recording.dropped{reason=queue_full}})
 * @param forceEachCluster    force every finished part of a file (one to five seconds) to the disk, so a
 *                            power cut keeps it too, not only a crash of the server
 */
@Validated
@ConfigurationProperties("remote-support.recording")
public record RecordingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("data/recordings") @NotNull Path directory,
        @DefaultValue("local") @NotNull Storage storage,
        @DefaultValue @NotNull @Valid S3 s3,
        @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) Duration uploadRetryInterval,
        @DefaultValue("90d") @NotNull @DurationMin(hours = 1) Duration retention,
        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration purgeInterval,
        @DefaultValue("8192") @Min(16) @Max(1_000_000) int queueCapacity,
        @DefaultValue("true") boolean forceEachCluster) {

    /** Where recordings are kept. */
    public enum Storage {
        /** in {@code directory}, on this machine (or a mounted volume) */
        LOCAL,
        /** in an S3-compatible object store; {@code directory} is the spool */
        S3
    }

    /** For the start-up check: {@code s3} needs a bucket and, if a key is given, both halves of it. */
    @AssertTrue(message = "storage s3 needs remote-support.recording.s3.bucket, and access-key and secret-key "
            + "together or neither")
    public boolean isS3Complete() {
        if (storage != Storage.S3 || s3 == null) {
            return true;
        }
        boolean hasKey = s3.accessKey() != null && !s3.accessKey().isBlank();
        boolean hasSecret = s3.secretKey() != null && !s3.secretKey().isBlank();
        return s3.bucket() != null && !s3.bucket().isBlank() && hasKey == hasSecret;
    }

    /**
     * An S3-compatible object store, bound from {@code remote-support.recording.s3.*}.
     *
     * @param endpoint  the service's URL ({@code http://minio:9000}); empty for AWS S3 itself
     * @param region    the region requests are signed for ({@code us-east-1} suits most other services)
     * @param bucket    the bucket, which must exist
     * @param pathStyle address the bucket in the path ({@code endpoint/bucket/key}) rather than the host name;
     *                  most self-hosted services need it
     * @param accessKey the access key id; empty takes the AWS SDK's default credentials (environment,
     *                  profile, instance role)
     * @param secretKey the secret access key, with {@code accessKey}
     * @param prefix    put before every object name, e.g. {@code recordings/}
     * @param partSize  files larger than this are uploaded in parts of this size (5MB to 512MB)
     */
    public record S3(
            URI endpoint,
            @DefaultValue("us-east-1") @NotBlank @Pattern(regexp = "[a-z0-9-]{1,32}") String region,
            @Size(max = 63) @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") String bucket,
            @DefaultValue("false") boolean pathStyle,
            @Size(max = 128) String accessKey,
            @Size(max = 128) String secretKey,
            @DefaultValue("") @NotNull @Pattern(regexp = "[A-Za-z0-9/_.-]{0,200}") String prefix,
            @DefaultValue("8MB") @NotNull DataSize partSize) {

        /** For the start-up check: parts are 5 MB (S3's minimum) to 512 MB (held in memory while sent). */
        @AssertTrue(message = "remote-support.recording.s3.part-size must be 5MB to 512MB")
        public boolean isPartSizeInRange() {
            return partSize == null || (partSize.toBytes() >= 5L * 1024 * 1024 && partSize.toBytes() <= 512L * 1024 * 1024);
        }

        /** For the start-up check: the endpoint is an http(s) URL. */
        @AssertTrue(message = "remote-support.recording.s3.endpoint must be an http or https URL")
        public boolean isEndpointHttp() {
            return endpoint == null || ("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                    && endpoint.getHost() != null;
        }
    }
}
