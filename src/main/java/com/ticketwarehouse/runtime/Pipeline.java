package com.ticketwarehouse.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import java.util.Map;

/**
 * A Camel Main started in process with the YAML routes, driven through their {@code direct:}
 * endpoints: what the CLI, the tests and the Lambda shim all use.
 */
public final class Pipeline implements AutoCloseable {
    private final Main main;
    private final ProducerTemplate producer;

    private Pipeline(Main main) {
        this.main = main;
        this.producer = main.getCamelContext().createProducerTemplate();
    }

    /** @param overrides settings that win over application.properties and the environment */
    public static Pipeline start(Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(new TwBeans());
        overrides.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (RuntimeException e) {
            main.stop();
            throw e;
        }
        return new Pipeline(main);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Sends to {@code direct:<route>} and returns the answer, throwing the route's own exception. */
    public <T> T call(String route, Object body, Map<String, Object> headers, Class<T> type) {
        Exchange exchange = producer.send("direct:" + route, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
        Exception failure = exchange.getException();
        if (failure != null) {
            throw unwrap(failure);
        }
        return exchange.getMessage().getBody(type);
    }

    static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CamelExecutionException || cause.getClass().getName().startsWith("org.apache.camel"))
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
    }

    @Override
    public void close() {
        producer.stop();
        main.stop();
    }
}
