package com.ticketwarehouse.cli;

import com.ticketwarehouse.dashboards.Dashboards;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.settings.Settings;
import com.ticketwarehouse.serve.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = "Show the dashboards (dashboards/*.yaml) of the local lake on loopback, read-only, until interrupted.")
final class ServeCommand extends PipelineCommand {
    @Option(names = "--port", description = "the port on 127.0.0.1 (default: TW_SERVE_PORT or 8480)")
    Integer port;

    @Override
    Map<String, String> overrides() {
        Map<String, String> overrides = super.overrides();
        if (Settings.AWS.equals(overrides.getOrDefault("tw.target", System.getenv().getOrDefault("TW_TARGET", Settings.LOCAL)))) {
            throw new IllegalArgumentException("serve shows the local lake; on the aws target the dashboards are QuickSight's: ./tw quicksight all");
        }
        overrides.putAll(DashboardServer.settings(port));
        return overrides;
    }

    @Override
    int run(Pipeline pipeline) {
        Settings settings = new Settings(pipeline.context());
        String url = "http://" + settings.get("camel.server.host", "127.0.0.1") + ":" + settings.get("camel.server.port", "") + "/";
        var dashboards = Dashboards.load().values();
        String problem = DashboardServer.firstRequests(url, dashboards.iterator().next().name());
        System.out.println("Dashboards of the lake at " + settings.get("tw.lake.dir", "") + ", read-only:");
        dashboards.forEach(d -> System.out.printf("  %-18s %sdashboards/%s%n", d.title(), url, d.name()));
        if (problem != null) {
            System.out.println("Note: " + problem);
        }
        System.out.println("Open " + url + " in a browser. Press Ctrl-C to stop.");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
