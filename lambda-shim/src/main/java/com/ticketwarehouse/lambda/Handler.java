package com.ticketwarehouse.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.Failures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The Lambda function: {@code com.ticketwarehouse.lambda.Handler::handleRequest}. Takes a job
 * (from an EventBridge schedule or a direct invocation) or a command, runs it, and answers the
 * run's result as JSON; a failed run fails the invocation with its cause in one line. See
 * {@link Invocation} for the inputs.
 */
public final class Handler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Camel Main starts during the function's init, once per container: warm invocations reuse it,
    // and with SnapStart the snapshot holds it started
    private static JobRunner runner = startOrNull();

    /** A start that failed is tried again by the next invocation, which fails naming why if it fails again. */
    private static JobRunner startOrNull() {
        try {
            return JobRunner.start(Map.of());
        } catch (RuntimeException e) {
            System.err.println("the function cannot start: " + Failures.oneLine(e));
            return null;
        }
    }

    private static synchronized JobRunner runner() {
        if (runner == null) {
            try {
                runner = JobRunner.start(Map.of());
            } catch (RuntimeException e) {
                throw new JobFailed("the function cannot start: " + Failures.oneLine(e));
            }
        }
        return runner;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new JobFailed("the input is not JSON: " + e.getOriginalMessage());
        }
        JSON.writeValue(output, runner().run(event, context == null ? 0 : context.getRemainingTimeInMillis()));
    }
}
