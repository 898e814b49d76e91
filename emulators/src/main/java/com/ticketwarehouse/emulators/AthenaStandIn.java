package com.ticketwarehouse.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Athena's API as the AWS SDK for Java v2 calls it (JSON 1.1, {@code X-Amz-Target: AmazonAthena.*}),
 * on loopback, in front of a real Trino: StartQueryExecution, GetQueryExecution,
 * BatchGetQueryExecution, GetQueryResults (paged, a query's header as its first row, as Athena gives
 * it), StopQueryExecution, ListQueryExecutions, and the workgroups (CreateWorkGroup, GetWorkGroup,
 * ListWorkGroups) with their output location and per-query cutoff of bytes scanned. The product
 * reaches it only through the SDK's endpoint setting ({@code AWS_ENDPOINT_URL_ATHENA}).
 */
public final class AthenaStandIn implements AutoCloseable {
    static final String PRIMARY = "primary";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESULTS = 1000;

    /** A workgroup: where results go unless a query says otherwise (always, when enforced), and its cutoff (null: none). */
    public record WorkGroup(String name, String outputLocation, boolean enforce, Long bytesScannedCutoffPerQuery, Instant created) {
    }

    private final HttpServer http;
    private final TrinoServer trino;
    private final S3Client s3;
    private final ExecutorService queries = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "athena-stand-in-query");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AthenaQuery> executions = new ConcurrentHashMap<>();
    /** Newest last. */
    private final List<AthenaQuery> started = new CopyOnWriteArrayList<>();
    private final Map<String, String> byClientToken = new ConcurrentHashMap<>();
    private final Map<String, WorkGroup> workGroups = new ConcurrentHashMap<>();

    private AthenaStandIn(HttpServer http, TrinoServer trino, S3Client s3) {
        this.http = http;
        this.trino = trino;
        this.s3 = s3;
        workGroups.put(PRIMARY, new WorkGroup(PRIMARY, null, false, null, Instant.now()));
    }

    /** @param s3 where results are written (the same S3 as Trino's) */
    public static AthenaStandIn start(TrinoServer trino, S3Client s3) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AthenaStandIn athena = new AthenaStandIn(http, trino, s3);
        http.createContext("/", athena::handle);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "athena-stand-in-http");
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
        return athena;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Makes or replaces a workgroup, as CreateWorkGroup would. */
    public void workGroup(WorkGroup workGroup) {
        workGroups.put(workGroup.name(), workGroup);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                reply(exchange, 400, error("InvalidRequestException", "the body is not JSON: " + e.getMessage()));
                return;
            }
            ObjectNode answer;
            try {
                answer = switch (target.replaceFirst("^AmazonAthena\\.", "")) {
                    case "StartQueryExecution" -> startQueryExecution(request);
                    case "GetQueryExecution" -> JSON.createObjectNode().set("QueryExecution", execution(request.path("QueryExecutionId").asText()).toJson());
                    case "BatchGetQueryExecution" -> batchGetQueryExecution(request);
                    case "GetQueryResults" -> getQueryResults(request);
                    case "StopQueryExecution" -> {
                        execution(request.path("QueryExecutionId").asText()).cancel();
                        yield JSON.createObjectNode();
                    }
                    case "ListQueryExecutions" -> listQueryExecutions(request);
                    case "CreateWorkGroup" -> createWorkGroup(request);
                    case "GetWorkGroup" -> JSON.createObjectNode().set("WorkGroup", workGroupJson(workGroup(request.path("WorkGroup").asText())));
                    case "ListWorkGroups" -> listWorkGroups();
                    default -> throw new Refusal("UnknownOperationException", "the Athena stand-in does not serve " + target);
                };
            } catch (Refusal refusal) {
                reply(exchange, 400, error(refusal.type, refusal.getMessage()));
                return;
            } catch (RuntimeException e) {
                reply(exchange, 500, error("InternalServerException", String.valueOf(e)));
                return;
            }
            reply(exchange, 200, answer);
        }
    }

    private ObjectNode startQueryExecution(JsonNode request) {
        String sql = request.path("QueryString").asText("");
        if (sql.isBlank()) {
            throw new Refusal("InvalidRequestException", "QueryString is required");
        }
        String token = request.path("ClientRequestToken").asText(null);
        if (token != null && byClientToken.containsKey(token)) {
            return JSON.createObjectNode().put("QueryExecutionId", byClientToken.get(token));
        }
        WorkGroup group = workGroup(request.path("WorkGroup").asText(PRIMARY));
        String requested = request.path("ResultConfiguration").path("OutputLocation").asText(null);
        String output = group.enforce() || requested == null ? group.outputLocation() : requested;
        if (output == null) {
            throw new Refusal("InvalidRequestException", "No output location provided. An output location is required either through"
                    + " the Workgroup result configuration setting or as an API input.");
        }
        JsonNode context = request.path("QueryExecutionContext");
        AthenaQuery query = new AthenaQuery(UUID.randomUUID().toString(), sql, context.path("Database").asText(null),
                context.path("Catalog").asText(null), group.name(), output, group.bytesScannedCutoffPerQuery());
        executions.put(query.id, query);
        started.add(query);
        if (token != null) {
            byClientToken.put(token, query.id);
        }
        queries.submit(() -> query.run(trino, s3));
        return JSON.createObjectNode().put("QueryExecutionId", query.id);
    }

    private ObjectNode batchGetQueryExecution(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode found = answer.putArray("QueryExecutions");
        ArrayNode missing = answer.putArray("UnprocessedQueryExecutionIds");
        request.path("QueryExecutionIds").forEach(id -> {
            AthenaQuery query = executions.get(id.asText());
            if (query == null) {
                missing.addObject().put("QueryExecutionId", id.asText()).put("ErrorCode", "INVALID_INPUT")
                        .put("ErrorMessage", "QueryExecution " + id.asText() + " was not found");
            } else {
                found.add(query.toJson());
            }
        });
        return answer;
    }

    /** A page of rows; on the first page of a query (DML), the header row first, as Athena gives it. */
    private ObjectNode getQueryResults(JsonNode request) {
        AthenaQuery query = execution(request.path("QueryExecutionId").asText());
        if (!"SUCCEEDED".equals(query.state())) {
            throw new Refusal("InvalidRequestException", "FAILED".equals(query.state()) || "CANCELLED".equals(query.state())
                    ? "Query did not finish successfully. Final query state: " + query.state()
                    : "Query has not yet finished. Current state: " + query.state());
        }
        int max = Math.min(MAX_RESULTS, request.path("MaxResults").asInt(MAX_RESULTS));
        int from = request.hasNonNull("NextToken") ? Integer.parseInt(request.path("NextToken").asText()) : 0;
        List<AthenaQuery.Column> columns = query.columns();
        List<List<String>> all = new ArrayList<>();
        // Athena repeats the header as the first row of a query's result, not of SHOW or DESCRIBE's
        if (!columns.isEmpty() && "DML".equals(AthenaStatements.type(query.sql))) {
            all.add(columns.stream().map(AthenaQuery.Column::name).toList());
        }
        all.addAll(query.rows());
        ObjectNode answer = JSON.createObjectNode();
        if (query.updateCount() >= 0) {
            answer.put("UpdateCount", query.updateCount());
        }
        ObjectNode resultSet = answer.putObject("ResultSet");
        ArrayNode rows = resultSet.putArray("Rows");
        for (List<String> row : all.subList(Math.min(from, all.size()), Math.min(from + max, all.size()))) {
            ArrayNode data = rows.addObject().putArray("Data");
            row.forEach(value -> {
                ObjectNode datum = data.addObject();
                if (value != null) {
                    datum.put("VarCharValue", value);
                }
            });
        }
        ArrayNode info = resultSet.putObject("ResultSetMetadata").putArray("ColumnInfo");
        for (AthenaQuery.Column column : columns) {
            info.addObject().put("CatalogName", "hive").put("SchemaName", "").put("TableName", "").put("Name", column.name())
                    .put("Label", column.name()).put("Type", column.type()).put("Precision", column.precision())
                    .put("Scale", column.scale()).put("Nullable", "UNKNOWN").put("CaseSensitive", "varchar".equals(column.type()));
        }
        if (from + max < all.size()) {
            answer.put("NextToken", Integer.toString(from + max));
        }
        return answer;
    }

    private ObjectNode listQueryExecutions(JsonNode request) {
        String group = request.path("WorkGroup").asText(PRIMARY);
        workGroup(group);
        List<String> ids = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            if (started.get(i).workGroup.equals(group)) {
                ids.add(started.get(i).id);
            }
        }
        int max = Math.min(50, request.path("MaxResults").asInt(50));
        int from = request.hasNonNull("NextToken") ? Integer.parseInt(request.path("NextToken").asText()) : 0;
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode page = answer.putArray("QueryExecutionIds");
        ids.subList(Math.min(from, ids.size()), Math.min(from + max, ids.size())).forEach(page::add);
        if (from + max < ids.size()) {
            answer.put("NextToken", Integer.toString(from + max));
        }
        return answer;
    }

    private ObjectNode createWorkGroup(JsonNode request) {
        String name = request.path("Name").asText("");
        if (workGroups.containsKey(name)) {
            throw new Refusal("InvalidRequestException", "WorkGroup " + name + " is already created");
        }
        JsonNode configuration = request.path("Configuration");
        workGroup(new WorkGroup(name, configuration.path("ResultConfiguration").path("OutputLocation").asText(null),
                configuration.path("EnforceWorkGroupConfiguration").asBoolean(false),
                configuration.hasNonNull("BytesScannedCutoffPerQuery") ? configuration.path("BytesScannedCutoffPerQuery").asLong() : null,
                Instant.now()));
        return JSON.createObjectNode();
    }

    private ObjectNode listWorkGroups() {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("WorkGroups");
        workGroups.values().forEach(group -> list.addObject().put("Name", group.name()).put("State", "ENABLED")
                .put("CreationTime", AthenaQuery.seconds(group.created()))
                .putObject("EngineVersion").put("SelectedEngineVersion", "AUTO").put("EffectiveEngineVersion", "Athena engine version 3"));
        return answer;
    }

    private static ObjectNode workGroupJson(WorkGroup group) {
        ObjectNode json = JSON.createObjectNode().put("Name", group.name()).put("State", "ENABLED")
                .put("CreationTime", AthenaQuery.seconds(group.created()));
        ObjectNode configuration = json.putObject("Configuration");
        if (group.outputLocation() != null) {
            configuration.putObject("ResultConfiguration").put("OutputLocation", group.outputLocation());
        }
        configuration.put("EnforceWorkGroupConfiguration", group.enforce());
        if (group.bytesScannedCutoffPerQuery() != null) {
            configuration.put("BytesScannedCutoffPerQuery", group.bytesScannedCutoffPerQuery());
        }
        configuration.putObject("EngineVersion").put("SelectedEngineVersion", "AUTO").put("EffectiveEngineVersion", "Athena engine version 3");
        return json;
    }

    private WorkGroup workGroup(String name) {
        WorkGroup group = workGroups.get(name);
        if (group == null) {
            throw new Refusal("InvalidRequestException", "WorkGroup " + name + " is not found.");
        }
        return group;
    }

    private AthenaQuery execution(String id) {
        AthenaQuery query = executions.get(id);
        if (query == null) {
            throw new Refusal("InvalidRequestException", "QueryExecution " + id + " was not found");
        }
        return query;
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("Message", message);
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (status >= 400) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", body.path("__type").asText());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A request Athena would refuse, as its error type and message. */
    private static final class Refusal extends RuntimeException {
        final String type;

        Refusal(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    @Override
    public void close() {
        http.stop(0);
        queries.shutdownNow();
        ((ExecutorService) http.getExecutor()).shutdownNow();
        s3.close();
    }
}
