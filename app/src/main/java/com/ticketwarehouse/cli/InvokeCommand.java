package com.ticketwarehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.Failures;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "invoke", description = "Run a job on its deployed Lambda function in the environment "
        + "(tw.lambda.function-name: ticket-warehouse-<ENV>-<JOB>, or TW_LAMBDA_FUNCTION) and print its result; "
        + "--payload sends that job's function another input.")
final class InvokeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The header the invoke route takes the function's name from. */
    static final String FUNCTION = "twFunction";

    /** Stands for the job's name in tw.lambda.function-name: each job has a function of its own (infra/). */
    static final String JOB_TOKEN = "<job>";

    @Parameters(index = "0", paramLabel = "JOB", description = "a job, such as sync-current (see tw.jobs)")
    String job;

    @Option(names = "--payload", paramLabel = "JSON", description = "the input to send to the job's function instead of {\"job\": JOB}, "
            + "e.g. {\"command\": \"load\", \"source\": \"stripe\", \"timeRange\": \"recent\"}")
    String payload;

    @Override
    public Integer call() {
        String input = payload == null ? JSON.createObjectNode().put("job", job).toString() : jsonObject(payload);
        try (Pipeline pipeline = Pipeline.start(overrides())) {
            String function = new Settings(pipeline.context()).get("tw.lambda.function-name", "").replace(JOB_TOKEN, job);
            JsonNode answer = parse(pipeline.call("invoke", input, Map.of(FUNCTION, function), String.class));
            // Lambda answers a failed invocation with its error as the payload (errorMessage, and
            // errorType unless it timed out); a result of the function never has these fields
            if (answer.has("errorMessage")) {
                System.err.println("tw: error: function " + function + " failed: " + Failures.firstLine(answer.path("errorMessage").asText()));
                return 1;
            }
            System.out.println(answer.toPrettyString());
            return 0;
        }
    }

    /**
     * The aws target's settings, reading no API secret (the function reads its own), with the
     * invoke route alone: nothing else of the pipeline runs here, and the S3 sink does not start.
     */
    static Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("tw.target", Settings.AWS);
        overrides.put("tw.aws.ticketsauce-secret", "");
        overrides.put("tw.aws.stripe-secret", "");
        overrides.put("camel.main.routes-include-pattern", "classpath:routes/invoke/*.yaml");
        return overrides;
    }

    private static String jsonObject(String text) {
        JsonNode node;
        try {
            node = parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--payload is " + e.getMessage());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("--payload must be a JSON object, such as {\"job\": \"sync-current\"}");
        }
        return node.toString();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }
}
