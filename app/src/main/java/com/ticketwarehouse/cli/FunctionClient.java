package com.ticketwarehouse.cli;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;

/**
 * The Lambda client of {@code ./tw invoke} (routes/invoke/). A job may run for the function's
 * 15 minutes, so the answer is awaited that long; and a call is never retried, since a retried
 * invocation would run the job a second time. Region, credentials and endpoint come from the SDK's
 * default chains (AWS_REGION, AWS_ENDPOINT_URL_LAMBDA, ...).
 */
public final class FunctionClient {
    private FunctionClient() {
    }

    public static LambdaClient create() {
        return LambdaClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofMinutes(16)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofMinutes(16)))
                .build();
    }
}
