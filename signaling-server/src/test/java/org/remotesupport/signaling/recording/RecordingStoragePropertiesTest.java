package org.remotesupport.signaling.recording;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The storage settings are checked at start-up: a server with an incomplete S3 configuration does not start. */
class RecordingStoragePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RecordingProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void localStorageIsTheDefault() {
        runner.run(context -> {
            RecordingProperties properties = context.getBean(RecordingProperties.class);
            assertThat(properties.storage()).isEqualTo(RecordingProperties.Storage.LOCAL);
            assertThat(properties.s3().partSize().toMegabytes()).isEqualTo(8);
        });
    }

    @Test
    void s3NeedsABucket() {
        runner.withPropertyValues("remote-support.recording.storage=s3").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("s3.bucket"));
    }

    @Test
    void anAccessKeyNeedsItsSecret() {
        runner.withPropertyValues("remote-support.recording.storage=s3", "remote-support.recording.s3.bucket=recs",
                "remote-support.recording.s3.access-key=AKIA").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("secret-key"));
    }

    @Test
    void partsBelowS3sMinimumAndOtherSchemesAreRefused() {
        runner.withPropertyValues("remote-support.recording.storage=s3", "remote-support.recording.s3.bucket=recs",
                "remote-support.recording.s3.part-size=1MB").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("part-size"));
        runner.withPropertyValues("remote-support.recording.storage=s3", "remote-support.recording.s3.bucket=recs",
                "remote-support.recording.s3.endpoint=ftp://minio").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("http or https"));
    }

    @Test
    void aCompleteS3ConfigurationBinds() {
        runner.withPropertyValues("remote-support.recording.storage=s3", "remote-support.recording.s3.bucket=recs",
                "remote-support.recording.s3.endpoint=http://minio:9000", "remote-support.recording.s3.path-style=true",
                "remote-support.recording.s3.access-key=AKIA", "remote-support.recording.s3.secret-key=secret",
                "remote-support.recording.s3.prefix=recordings/").run(context -> {
            assertThat(context).hasNotFailed();
            RecordingProperties.S3 s3 = context.getBean(RecordingProperties.class).s3();
            assertThat(s3.bucket()).isEqualTo("recs");
            assertThat(s3.pathStyle()).isTrue();
            assertThat(s3.endpoint().getPort()).isEqualTo(9000);
        });
    }
}
