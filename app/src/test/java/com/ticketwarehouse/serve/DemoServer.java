package com.ticketwarehouse.serve;

import com.ticketwarehouse.emulators.ExternalServer;
import com.ticketwarehouse.runtime.Pipeline;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The dashboard server on the demo lake for one test class ({@code @RegisterExtension static}): up before its tests, down after. */
final class DemoServer implements BeforeAllCallback, AfterAllCallback {
    DemoLake demo;
    Pipeline server;
    String base;

    @Override
    public void beforeAll(ExtensionContext context) {
        demo = DemoLake.get();
        int port = ExternalServer.freePort();
        server = DashboardServerTest.start(demo.dir, port);
        base = "http://127.0.0.1:" + port;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }
}
