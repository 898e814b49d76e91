package com.ticketwarehouse.lake;

import com.ticketwarehouse.aws.AwsClients;
import com.ticketwarehouse.aws.GlueCatalog;
import com.ticketwarehouse.aws.S3Objects;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.time.Duration;
import java.time.Clock;
import java.util.List;

/** The aws target's lake: S3, Glue and Athena, with clients from the AWS default chains. */
public final class AthenaLakeProvider implements LakeProvider {
    /** The registry name of the Athena client, which the lake's aws2-athena endpoints refer to. */
    static final String ATHENA_CLIENT = "twAthenaClient";

    @Override
    public String target() {
        return Settings.AWS;
    }

    @Override
    public Lake create(CamelContext context, Settings settings, List<String> entities, Clock clock) {
        AthenaLake.Settings lake = new AthenaLake.Settings(settings.get("tw.aws.bucket", ""), settings.get("tw.archive.prefix", ""),
                settings.get("tw.aws.database", ""), settings.get("tw.aws.crawler-role", ""), settings.get("tw.aws.crawler-prefix", ""),
                settings.get("tw.aws.athena-workgroup", "primary"), settings.get("tw.aws.athena-output", ""),
                Duration.ofMinutes((long) settings.number("tw.aws.crawl-timeout-minutes")), Duration.ofMillis((long) settings.number("tw.aws.poll-ms")),
                Duration.ofMinutes((long) settings.number("tw.aws.query-timeout-minutes")));
        AwsClients aws = new AwsClients(Boolean.parseBoolean(settings.get("tw.aws.s3-path-style", "false")));
        try {
            context.getRegistry().bind(ATHENA_CLIENT, aws.athena());
            AthenaLake athena = new AthenaLake(lake, new S3Objects(aws.s3(), lake.bucket()), new GlueCatalog(aws.glue(), lake.database()),
                    context, ATHENA_CLIENT, entities, System.err, clock);
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    aws.close();
                }
            });
            return athena;
        } catch (SdkClientException e) {
            aws.close();
            throw new IllegalArgumentException("the aws target cannot build its AWS clients: " + e.getMessage()
                    + " (set AWS_REGION and credentials, or AWS_PROFILE)");
        } catch (Exception e) {
            aws.close();
            throw new IllegalStateException(e);
        }
    }
}
