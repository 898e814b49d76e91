package com.ticketwarehouse.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The app of cdk.json synthesized once for all the test classes (jsii starts in seconds, a synth
 * takes tens): its context as committed, a small stand-in for the Lambda package, accounts and
 * regions given so that the pipeline deploys across accounts as it would for real.
 */
final class Synthesized {
    static final String PIPELINE_ACCOUNT = "111111111111", STAGING_ACCOUNT = "222222222222", PRODUCTION_ACCOUNT = "333333333333",
            DEVELOPMENT_ACCOUNT = "444444444444", REGION = "us-east-1";
    private static Synthesized instance;

    final Map<String, Object> context;
    final InfraApp infra;
    final CloudAssembly assembly;
    final Path outdir;
    private final Map<Stack, Template> templates = new LinkedHashMap<>();

    private Synthesized() throws IOException {
        context = committedContext();
        context.put(InfraApp.LAMBDA_JAR, standInJar().toString());
        account("pipeline", PIPELINE_ACCOUNT);
        account("environments", InfraApp.DEVELOPMENT, DEVELOPMENT_ACCOUNT);
        account("environments", InfraApp.STAGING, STAGING_ACCOUNT);
        account("environments", InfraApp.PRODUCTION, PRODUCTION_ACCOUNT);
        outdir = Path.of("target", "cdk.out-test");
        if (Files.exists(outdir)) {
            // a clean assembly: the lint and the policy walk read every template in it
            try (Stream<Path> old = Files.walk(outdir)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        App app = App.Builder.create().context(context).outdir(outdir.toString()).build();
        infra = new InfraApp(app);
        assembly = app.synth();
    }

    static synchronized Synthesized app() {
        if (instance == null) {
            try {
                instance = new Synthesized();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Every application stack: development's, and staging's and production's inside the pipeline. */
    List<ApplicationStack> applicationStacks() {
        return List.of(infra.development(), infra.pipeline().staging().stack(), infra.pipeline().production().stack());
    }

    List<Stack> allStacks() {
        return List.of(infra.development(), infra.pipeline(), infra.pipeline().staging().stack(), infra.pipeline().production().stack());
    }

    synchronized Template template(Stack stack) {
        return templates.computeIfAbsent(stack, Template::fromStack);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> committedContext() throws IOException {
        Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
        return new LinkedHashMap<>((Map<String, Object>) cdkJson.get("context"));
    }

    @SuppressWarnings("unchecked")
    private void account(String... path) {
        Map<String, Object> node = context;
        for (int i = 0; i < path.length - 1; i++) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) node.get(path[i]));
            node.put(path[i], copy);
            node = copy;
        }
        node.put("account", path[path.length - 1]);
        node.put("region", REGION);
    }

    /** A jar standing in for lambda-shim's package: the stacks only take it as an asset. */
    private static Path standInJar() throws IOException {
        Path jar = Files.createTempFile("ticket-warehouse-lambda-", ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
