package com.ticketwarehouse.lake;

import com.ticketwarehouse.aws.MotoServer;
import com.ticketwarehouse.aws.S3Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.s3.S3Client;

/** The conditional writes on S3: moto 5.2.1 answers If-None-Match and If-Match as S3 does (412). */
@Tag("emulators")
class S3ConditionalWritesTest extends ConditionalWritesTest {
    static final String BUCKET = "conditional-writes";
    static MotoServer moto;
    static S3Client s3;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        s3 = moto.s3();
        s3.createBucket(r -> r.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        s3.close();
        moto.close();
    }

    @Override
    ObjectStore store() {
        return new S3Store(new S3Objects(s3, BUCKET), "lake-" + System.nanoTime() + "/");
    }
}
