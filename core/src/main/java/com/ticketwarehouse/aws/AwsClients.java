package com.ticketwarehouse.aws;

import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one place the AWS clients are built. Credentials and region come from the SDK's default
 * chains, and the endpoint too: SDK 2.40.2 reads AWS_ENDPOINT_URL (and aws.endpointUrl,
 * AWS_ENDPOINT_URL_S3 and the like, and the profile's endpoint_url) for every client built with
 * its builder, so an emulator stands in by environment alone and no endpointOverride is set here.
 */
public final class AwsClients implements AutoCloseable {
    private final boolean s3PathStyle;
    private S3Client s3;
    private GlueClient glue;
    private AthenaClient athena;

    /** @param s3PathStyle path-style S3 addresses, for emulators on loopback that have no bucket host names */
    public AwsClients(boolean s3PathStyle) {
        this.s3PathStyle = s3PathStyle;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = S3Client.builder().forcePathStyle(s3PathStyle).build();
        }
        return s3;
    }

    public synchronized GlueClient glue() {
        if (glue == null) {
            glue = GlueClient.builder().build();
        }
        return glue;
    }

    public synchronized AthenaClient athena() {
        if (athena == null) {
            athena = AthenaClient.builder().build();
        }
        return athena;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable client : new AutoCloseable[] {s3, glue, athena}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    // closing an HTTP pool: nothing to do about a failure
                }
            }
        }
        s3 = null;
        glue = null;
        athena = null;
    }
}
